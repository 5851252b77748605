/** The type named inside one of the API's global ids (base64url of `Type:id`), or null when it is not one. */
export function globalIdType(globalId: string): string | null {
  if (!/^[A-Za-z0-9_-]{4,200}$/.test(globalId)) return null;
  try {
    const text = atob(globalId.replace(/-/g, '+').replace(/_/g, '/'));
    const match = /^([A-Za-z]+):[^\s:]+$/.exec(text);
    return match ? match[1]! : null;
  } catch {
    return null;
  }
}

const ADMIN_PAGES: Record<string, string> = { User: 'admin-user', Post: 'admin-post', FacechatRoom: 'admin-room' };

/** The console page of a subject (a person, post or room), or null when it has none. */
export function adminPageOf(globalId: string): { name: string; params: { id: string } } | null {
  const page = ADMIN_PAGES[globalIdType(globalId) ?? ''];
  return page ? { name: page, params: { id: globalId } } : null;
}
