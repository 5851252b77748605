import type { FriendshipStatus } from '../../gql/graphql';
import type { DraftPhotoTag } from './usePostEditor';

/** What a screenshot says about who was in the call (the `MediaById` query's `screenshotPeople`). */
export interface ScreenshotPeopleSource {
  id: string;
  screenshotPeople?:
    | readonly {
        x: number;
        y: number;
        user?: {
          id: string;
          username: string;
          displayName: string;
          friendshipStatus: FriendshipStatus;
          viewerHasBlocked: boolean;
        } | null;
      }[]
    | null;
}

const MAX_TITLE = 100;

/**
 * A post started from a call screenshot: the title "Call with <names>" (`callWith` words it in the viewer's language)
 * and photo tags at the others' faces — only people the author may tag (friends, not blocked), never the author.
 * Null when the picture names nobody else.
 */
export function screenshotPrefill(
  media: ScreenshotPeopleSource,
  authorId: string | undefined,
  callWith: (names: string) => string,
): { title: string; photoTags: DraftPhotoTag[] } | null {
  const others = (media.screenshotPeople ?? []).filter((person) => person.user && person.user.id !== authorId);
  if (!others.length) return null;
  const title = callWith(others.map((person) => person.user!.displayName).join(', '));
  const photoTags = others
    .filter((person) => person.user!.friendshipStatus === 'FRIENDS' && !person.user!.viewerHasBlocked)
    .map(({ x, y, user }) => ({
      mediaId: media.id,
      user: { id: user!.id, username: user!.username, displayName: user!.displayName },
      x,
      y,
    }));
  return { title: [...title].length > MAX_TITLE ? `${[...title].slice(0, MAX_TITLE - 1).join('')}…` : title, photoTags };
}
