import friends from '../features/friends/friends.i18n';
import notifications from '../features/notifications/notifications.i18n';
import posts from '../features/posts/posts.i18n';
import moderation from '../features/moderation/moderation.i18n';
import admin from '../features/admin/admin.i18n';
import media from '../features/media/media.i18n';
import tags from '../features/tags/tags.i18n';
import shell from '../features/shell/shell.i18n';
import search from '../features/search/search.i18n';
import rooms from '../features/rooms/rooms.i18n';
import calls from '../features/calls/calls.i18n';
import groupCall from '../features/calls/groupCall.i18n';
import facechatCall from '../features/facechat/call/call.i18n';
import activeCall from '../features/facechat/call/activeCall.i18n';
import callStage from '../features/facechat/call/callStage.i18n';
import callPeople from '../features/facechat/call/callPeople.i18n';
import accountEmail from '../features/auth/accountEmail.i18n';
import landing from '../features/landing/landing.i18n';
import settings from '../features/settings/settings.i18n';
import profilePrivacy from '../features/profile/privacy.i18n';
import messages from '../features/messages/messages.i18n';
// The effect picker's texts (facechat/processor) also name the emotions on the call's tile badges.
import * as facechatEffects from '../features/facechat/processor/i18n';

// Each feature keeps its own texts in `features/<feature>/<feature>.i18n.ts`, exporting
// `{ en: { <feature>: {...} }, ko: { <feature>: {...} } }` with the same keys in both languages
// (a top-level key of its own, so features never collide). Register it here, one line each.
export interface FeatureMessages {
  en: Record<string, unknown>;
  ko: Record<string, unknown>;
}

export const featureMessages: FeatureMessages[] = [
  friends,
  notifications,
  posts,
  moderation,
  admin,
  media,
  tags,
  shell,
  search,
  rooms,
  calls,
  groupCall,
  facechatCall,
  activeCall,
  callStage,
  callPeople,
  facechatEffects,
  accountEmail,
  landing,
  settings,
  profilePrivacy,
  messages,
];
