/**
 * Starts the real LiveKit server for the tests when its binary is available.
 * The calls feature fills this in; until then tests run without LiveKit.
 */
export async function startTestLivekit(): Promise<{ info: { url: string; apiKey: string; apiSecret: string }; stop(): Promise<void> } | null> {
  return null;
}
