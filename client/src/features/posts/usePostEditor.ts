import { useApolloClient, useMutation, useQuery } from '@vue/apollo-composable';
import { computed, reactive, ref, watch } from 'vue';
import {
  AddPhotoTagDocument,
  CreatePostDocument,
  PostDetailDocument,
  RemovePhotoTagDocument,
  UpdatePostDocument,
  type MediaFieldsFragment,
  type PostCardFieldsFragment,
  type UserErrorFieldsFragment,
} from '../../gql/graphql';
import { useAuthStore } from '../auth/useAuthStore';
import { usePostOutcome } from './usePostOutcome';

/** A person tagged in a photo of the draft; `id` once the server has it. */
export interface DraftPhotoTag {
  id?: string;
  mediaId: string;
  user: { id: string; username: string; displayName: string };
  x: number;
  y: number;
}

export interface PostDraft {
  title: string;
  body: string;
  tags: string[];
  media: MediaFieldsFragment[];
  /** Alt text of each photo by media id (what the field shows; sent with the photos). */
  altTexts: Record<string, string>;
  photoTags: DraftPhotoTag[];
}

type Outcome = { ok: true; postId: string } | { ok: false; userErrors: readonly UserErrorFieldsFragment[] };

const draftFrom = (post: PostCardFieldsFragment): PostDraft => ({
  title: post.title,
  body: post.body,
  tags: post.tags.map((tag) => tag.name),
  media: [...post.media],
  altTexts: Object.fromEntries(post.media.map((m) => [m.id, m.altText ?? ''])),
  photoTags: post.photoTags.map((tag) => ({ id: tag.id, mediaId: tag.media.id, user: tag.user, x: tag.x, y: tag.y })),
});

/**
 * The post being written (`postId` unset) or edited: the draft, and `save`, which creates the
 * post with its photo tags, or updates it and then adds, moves and removes the photo tags that changed.
 */
export function usePostEditor(postId: () => string | undefined) {
  const { resolveClient } = useApolloClient();
  const auth = useAuthStore();
  const outcome = usePostOutcome();
  const draft = reactive<PostDraft>({ title: '', body: '', tags: [], media: [], altTexts: {}, photoTags: [] });
  const original = ref<PostCardFieldsFragment | null>(null);

  const { result, loading, error } = useQuery(
    PostDetailDocument,
    () => ({ id: postId() ?? '' }),
    () => ({ enabled: !!postId(), fetchPolicy: 'network-only' }),
  );
  watch(
    () => result.value?.post,
    (post) => {
      if (!post || original.value?.id === post.id) return;
      original.value = post;
      Object.assign(draft, draftFrom(post));
    },
    { immediate: true },
  );

  // A photo that leaves the post takes its tags along.
  watch(
    () => draft.media.map((m) => m.id),
    (ids) => {
      draft.photoTags = draft.photoTags.filter((tag) => ids.includes(tag.mediaId));
      // A photo added keeps the alt text it was uploaded with.
      for (const media of draft.media) if (!(media.id in draft.altTexts)) draft.altTexts[media.id] = media.altText ?? '';
    },
  );

  const { mutate: create } = useMutation(CreatePostDocument);
  const { mutate: update } = useMutation(UpdatePostDocument);
  const { mutate: addTag } = useMutation(AddPhotoTagDocument);
  const { mutate: removeTag } = useMutation(RemovePhotoTagDocument);

  /** New lists everywhere: the feed, searches, tag pages and my profile show the post from the server. */
  function forgetLists(): void {
    const cache = resolveClient().cache;
    for (const fieldName of ['feed', 'posts', 'tags']) cache.evict({ id: 'ROOT_QUERY', fieldName });
    if (auth.user) {
      const me = cache.identify({ __typename: 'User', id: auth.user.id });
      cache.evict({ id: me, fieldName: 'posts' });
      cache.evict({ id: me, fieldName: 'postCount' });
    }
    cache.gc();
  }

  async function syncPhotoTags(id: string): Promise<Outcome> {
    const before = original.value?.photoTags ?? [];
    const kept = new Set(draft.photoTags.map((tag) => tag.id).filter(Boolean));
    for (const tag of before) {
      if (kept.has(tag.id)) continue;
      const result = outcome((await removeTag({ id: tag.id }))?.data?.removePhotoTag);
      if (!result.ok) return result;
    }
    for (const tag of draft.photoTags) {
      const old = before.find((b) => b.id === tag.id);
      if (old && old.x === tag.x && old.y === tag.y) continue;
      const input = { mediaId: tag.mediaId, userId: tag.user.id, x: tag.x, y: tag.y };
      const result = outcome((await addTag({ postId: id, input }))?.data?.addPhotoTag);
      if (!result.ok) return result;
    }
    return { ok: true, postId: id };
  }

  async function save(): Promise<Outcome> {
    const photos = draft.media.map((m) => ({ mediaId: m.id, altText: (draft.altTexts[m.id] ?? '').trim() }));
    const fields = { title: draft.title.trim(), body: draft.body.trim(), tags: draft.tags, photos };
    const id = postId();
    if (!id) {
      const photoTags = draft.photoTags.map((tag) => ({ mediaId: tag.mediaId, userId: tag.user.id, x: tag.x, y: tag.y }));
      const payload = (await create({ input: { ...fields, photoTags } }))?.data?.createPost;
      const result = outcome(payload);
      if (!result.ok) return result;
      forgetLists();
      return { ok: true, postId: payload!.post!.id };
    }
    const result = outcome((await update({ id, input: fields }))?.data?.updatePost);
    if (!result.ok) return result;
    const synced = await syncPhotoTags(id);
    // The post's photo tags as the server has them now.
    await resolveClient().query({ query: PostDetailDocument, variables: { id }, fetchPolicy: 'network-only' });
    forgetLists();
    return synced;
  }

  return {
    draft,
    save,
    /** Editing: the post is still loading. */
    loading: computed(() => !!postId() && loading.value && !original.value),
    /** Editing: the post does not exist, or is not the viewer's. */
    unavailable: computed(() => !!postId() && !loading.value && (!!error.value || !result.value?.post || !result.value.post.viewerCanEdit)),
  };
}
