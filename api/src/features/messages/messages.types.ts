import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Node } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';
import { UserObject } from '../accounts/graphql.js';

export enum DirectMessageKind {
  TEXT = 'TEXT',
  CALL_MISSED = 'CALL_MISSED',
  CALL_ENDED = 'CALL_ENDED',
}
registerEnumType(DirectMessageKind, {
  name: 'DirectMessageKind',
  description: 'What a direct message is: typed by its author, or an event of a call between the two people of a 1:1 conversation.',
  valuesConfig: {
    TEXT: { description: 'Typed text and/or one image.' },
    CALL_MISSED: {
      description: 'A call between the members that nobody answered (declined, missed or canceled); the author is the caller.',
    },
    CALL_ENDED: {
      description: 'A call that was answered and has ended; the author is the caller, `callDurationSeconds` says how long it lasted.',
    },
  },
});

/** `conversation`, `author` and `image` are field resolvers. */
@ObjectType('DirectMessage', { implements: Node, description: 'One message of a direct conversation, seen by its members only.' })
export class DirectMessageObject extends Node {
  @Field(() => ID, { description: 'Opaque global id (Node).' }) declare id: string;
  @Field(() => DirectMessageKind, { description: 'Text (with or without an image) or a call event.' }) kind!: DirectMessageKind;
  @Field(() => String, { nullable: true, description: 'TEXT: the text; null when an image was sent alone, and for call events.' })
  body!: string | null;
  @Field(() => Int, { nullable: true, description: 'CALL_ENDED only: how long the answered call lasted, in whole seconds.' })
  callDurationSeconds!: number | null;
  @Field(() => String, {
    nullable: true,
    description: "Echoed from SendDirectMessageInput.clientId, so the author's client can match its optimistic message.",
  })
  clientId!: string | null;
  @Field(() => DateTime, { description: 'When it was sent.' }) createdAt!: Date;
}

/** Every field but the plain ones is a field resolver. */
@ObjectType('Conversation', {
  implements: Node,
  description: 'A direct conversation between 2–8 people (a 1:1 conversation or a small group), seen by its members only.',
})
export class ConversationObject extends Node {
  @Field(() => ID, { description: 'Opaque global id (Node).' }) declare id: string;
  @Field(() => String, { nullable: true, description: 'The optional name of a group conversation (null for 1:1 conversations).' })
  title!: string | null;
  @Field(() => Boolean, { description: 'True for a group: more than two members.' }) isGroup!: boolean;
  @Field(() => DateTime, { description: 'When it was started.' }) createdAt!: Date;
  @Field(() => DateTime, { description: "The newest message's time, or the creation time before any message." }) updatedAt!: Date;
}

@ObjectType('ConversationReadReceipt', { description: "Another member's read mark in a conversation." })
export class ConversationReadReceipt {
  @Field(() => UserObject, { description: 'The member.' }) user!: object;
  @Field(() => ID, { nullable: true, description: 'The newest DirectMessage they have read; null if they have not read anything.' })
  lastReadMessageId!: string | null;
  @Field(() => DateTime, { nullable: true, description: 'When they moved their read mark last; null if they have not read anything.' })
  lastReadAt!: Date | null;
}

export const { Connection: DirectMessageConnection } = connectionTypes('DirectMessage', DirectMessageObject, {
  connection: "A page of a conversation's messages, NEWEST FIRST (`after` pages to older ones).",
  item: 'One message',
});

export const { Connection: ConversationConnection } = connectionTypes('Conversation', ConversationObject, {
  connection: "A page of the viewer's conversations, most recent activity first.",
  item: 'One conversation',
});

@InputType('StartConversationInput', { description: 'Whom to talk to.' })
export class StartConversationInput {
  @Field(() => [ID], {
    description: 'The other people (User ids, 1–7). With one other person the existing 1:1 conversation is returned when there is one.',
  })
  userIds!: string[];
  @Field(() => String, {
    nullable: true,
    description: 'An optional name for a group conversation (at most 100 characters; ignored for 1:1).',
  })
  title?: string | null;
}

@InputType('SendDirectMessageInput', { description: 'A message to send: text, an image, or both.' })
export class SendDirectMessageInput {
  @Field(() => ID, { description: 'The Conversation to write in (the viewer must be a member).' }) conversationId!: string;
  @Field(() => String, { nullable: true, description: 'The text, at most 2,000 characters (trimmed); required unless `mediaId` is given.' })
  body?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'A Media the viewer uploaded (POST /media); required unless `body` is given.',
  })
  mediaId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Any id (at most 64 characters) the client made up for its optimistic message; echoed as DirectMessage.clientId.',
  })
  clientId?: string | null;
}

@InputType('MarkConversationReadInput', { description: "Moves the viewer's read mark forward." })
export class MarkConversationReadInput {
  @Field(() => ID, { description: 'The Conversation.' }) conversationId!: string;
  @Field(() => ID, { nullable: true, description: 'The newest DirectMessage read; omitted: up to the newest message.' })
  messageId?: string | null;
}

@InputType('SetTypingInput', { description: 'Tells the other members the viewer is typing, or stopped.' })
export class SetTypingInput {
  @Field(() => ID, { description: 'The Conversation.' }) conversationId!: string;
  @Field(() => Boolean, { description: 'True while typing (send again every few seconds), false on stopping.' }) typing!: boolean;
}

@ObjectType('ConversationPayload', { description: 'The result of startConversation and markConversationRead.' })
export class ConversationPayload {
  @Field(() => ConversationObject, { nullable: true, description: 'The conversation; null when userErrors says why not.' })
  conversation?: object | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success.' }) userErrors!: UserError[];
}

@ObjectType('DirectMessagePayload', { description: 'The result of sendDirectMessage.' })
export class DirectMessagePayload {
  @Field(() => DirectMessageObject, { nullable: true, description: 'The message sent; null when userErrors says why not.' })
  message?: object | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success.' }) userErrors!: UserError[];
}

@ObjectType('SetTypingPayload', { description: 'The result of setTyping.' })
export class SetTypingPayload {
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success.' }) userErrors!: UserError[];
}

@ObjectType('ConversationReadEvent', { description: 'A member moved their read mark.' })
export class ConversationReadEvent {
  @Field(() => ConversationObject, { description: 'The conversation.' }) conversation!: object;
  @Field(() => UserObject, { description: 'Who read.' }) user!: object;
  @Field(() => ID, { nullable: true, description: 'The newest DirectMessage they have read.' }) lastReadMessageId!: string | null;
  @Field(() => DateTime, { description: 'When they read it.' }) lastReadAt!: Date;
}

@ObjectType('TypingEvent', { description: 'Another member started or stopped typing.' })
export class TypingEvent {
  @Field(() => ConversationObject, { description: 'The conversation.' }) conversation!: object;
  @Field(() => UserObject, { description: 'Who is typing.' }) user!: object;
  @Field(() => Boolean, { description: 'True while typing; false when they stopped or sent. Clients also expire it after ~6 s.' })
  typing!: boolean;
}
