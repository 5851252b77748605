import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** CPU profile of this thread (the app and the baseline server) while the load runs; open it in Chrome DevTools. */
export async function startProfiler(file: string): Promise<{ stop(): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      console.log(`CPU profile written to ${file}`);
    },
  };
}
