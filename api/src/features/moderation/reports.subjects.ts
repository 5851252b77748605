import type { Actor } from '../../kernel/actor.js';
import type { Db } from '../../kernel/db.js';
import type { ReportSubjectType } from './reports.entity.js';
import type { ReportSubjects } from './reports.service.js';

type ByIds<T> = (actor: Actor | null, em: Db, ids: readonly string[]) => Promise<T[]>;

/** The owning features' visibility reads (accounts, posts, facechat), passed in by server/compose.ts. */
export interface SubjectReads {
  users: ByIds<{ id: string } | null>;
  posts: ByIds<{ id: string }>;
  comments: ByIds<{ id: string; postId: string }>;
  rooms: ByIds<{ id: string }>;
  chatMessages: ByIds<{ id: string; roomId: string }>;
}

/** A subject is visible when its owning feature would show it to the actor (a comment through its post, a message through its room). */
export function reportSubjects(reads: SubjectReads): ReportSubjects {
  const one = async <T>(rows: Promise<(T | null)[]>): Promise<T | null> => (await rows).find((row) => row) ?? null;
  return {
    async visible(actor: Actor, em: Db, type: ReportSubjectType, id: string): Promise<boolean> {
      switch (type) {
        case 'User':
          return Boolean(await one(reads.users(actor, em, [id])));
        case 'Post':
          return Boolean(await one(reads.posts(actor, em, [id])));
        case 'Comment': {
          const comment = await one(reads.comments(actor, em, [id]));
          return Boolean(comment && (await one(reads.posts(actor, em, [comment.postId]))));
        }
        case 'FacechatRoom':
          return Boolean(await one(reads.rooms(actor, em, [id])));
        case 'ChatMessage': {
          const message = await one(reads.chatMessages(actor, em, [id]));
          return Boolean(message && (await one(reads.rooms(actor, em, [message.roomId]))));
        }
      }
    },
  };
}
