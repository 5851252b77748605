import { reactive } from 'vue';
import { useI18n } from 'vue-i18n';
import type { MediaFieldsFragment, MediaKind } from '../../gql/graphql';
import { useAuthStore } from '../auth/useAuthStore';
import { networkFailure, UploadError, uploadFailureTexts } from './uploadErrors';
import { uploadMedia } from './uploadMedia';

export interface UploadItem {
  key: number;
  name: string;
  /** 0..1 */
  progress: number;
  state: 'uploading' | 'failed';
  message: string;
  detail: string | null;
}

let nextKey = 0;

/** Files on their way to `POST /media`, each with its progress; failures stay until dismissed. */
export function useUploads(onUploaded: (media: MediaFieldsFragment) => void) {
  const auth = useAuthStore();
  const { locale } = useI18n();
  const items = reactive<UploadItem[]>([]);

  const find = (key: number) => items.find((item) => item.key === key);
  const dismiss = (key: number) => {
    const index = items.findIndex((item) => item.key === key);
    if (index >= 0) items.splice(index, 1);
  };

  async function upload(file: File, options: { kind?: MediaKind; altText?: string } = {}): Promise<MediaFieldsFragment | null> {
    const key = ++nextKey;
    items.push({ key, name: file.name, progress: 0, state: 'uploading', message: '', detail: null });
    try {
      const media = await uploadMedia(file, auth, {
        ...options,
        onProgress: (fraction) => {
          const item = find(key);
          if (item) item.progress = fraction;
        },
      });
      dismiss(key);
      onUploaded(media);
      return media;
    } catch (error) {
      const item = find(key);
      if (item) {
        const failure = error instanceof UploadError ? error.failure : networkFailure();
        Object.assign(item, { state: 'failed', ...uploadFailureTexts(failure, locale.value) });
      }
      return null;
    }
  }

  return { items, upload, dismiss };
}
