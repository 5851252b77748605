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
  valuesConfig: {
    TEXT: { description: 'Typed by the author.' },
    SCREENSHOT: {
      description: 'The author stored a screenshot of the room (POST /media kind=SCREENSHOT); `body` is "📸", render it by kind.',
    },
  },
});

/** `room` and `author` are field resolvers. */
@ObjectType('ChatMessage', { implements: Node })
export class ChatMessageObject extends Node {
  @Field(() => ChatMessageKind) kind!: ChatMessageKind;
  @Field(() => String) body!: string;
  @Field(() => DateTime) createdAt!: Date;
}

export const { Connection: ChatMessageConnection } = connectionTypes('ChatMessage', ChatMessageObject);

@ObjectType('ChatMessagePayload')
export class ChatMessagePayload {
  @Field(() => ChatMessageObject, { nullable: true }) message?: object | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
