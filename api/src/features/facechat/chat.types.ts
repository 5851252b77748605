import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Node } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';

export enum ChatMessageKind {
  TEXT = 'TEXT',
  SCREENSHOT = 'SCREENSHOT',
}
registerEnumType(ChatMessageKind, {
  name: 'ChatMessageKind',
  description: 'What a chat message is: typed text or a screenshot notice.',
  valuesConfig: {
    TEXT: { description: 'Typed by the author.' },
    SCREENSHOT: {
      description: 'The author stored a screenshot of the room (POST /media kind=SCREENSHOT); `body` is "📸", render it by kind.',
    },
  },
});

/** `room` and `author` are field resolvers. */
@ObjectType('ChatMessage', { implements: Node, description: "A message in a room's chat." })
export class ChatMessageObject extends Node {
  @Field(() => ChatMessageKind, { description: 'Typed text or a screenshot notice.' }) kind!: ChatMessageKind;
  @Field(() => String, { description: 'The text (for a SCREENSHOT message a fixed mark: render it by `kind`).' }) body!: string;
  @Field(() => DateTime, { description: 'When it was sent.' }) createdAt!: Date;
}

export const { Connection: ChatMessageConnection } = connectionTypes('ChatMessage', ChatMessageObject);

@ObjectType('ChatMessagePayload', { description: 'The answer of sendChatMessage: the message, or why not.' })
export class ChatMessagePayload {
  @Field(() => ChatMessageObject, { nullable: true, description: 'The message sent; null when refused.' }) message?: object | null;
  @Field(() => [UserError], { description: 'Why it was not sent (e.g. RATE_LIMITED, FORBIDDEN); empty on success.' })
  userErrors!: UserError[];
}
