import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import type MarkdownIt from 'markdown-it';

const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Every named type of the schema (no introspection or built-in scalars), by name. */
function documentedTypes(schema: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && !BUILT_IN.has(type.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'enum';
  if (isInputObjectType(type)) return 'input';
  return isScalarType(type) ? 'scalar' : 'type';
}

/** `[Post!]!` with the named type linked to its section (built-in scalars stay plain). */
function typeLink(type: GraphQLType): string {
  const named = getNamedType(type);
  const name = BUILT_IN.has(named.name) ? escapeHtml(named.name) : `<a href="#${named.name}">${named.name}</a>`;
  return `<code>${escapeHtml(String(type)).replace(escapeHtml(named.name), name)}</code>`;
}

type Member = GraphQLField<unknown, unknown> | GraphQLInputField | GraphQLArgument;

/** Generates the schema reference: one section per type (anchor = its name), its fields, arguments and enum values. */
export class SchemaReference {
  readonly schema: GraphQLSchema;
  constructor(
    sdl: string,
    private readonly md: MarkdownIt,
  ) {
    this.schema = buildSchema(sdl);
  }

  private describe(description: string | null | undefined): string {
    return description ? this.md.render(description) : '';
  }

  private deprecation(reason: string | null | undefined): string {
    return reason ? `<p class="deprecated"><strong>Deprecated:</strong> ${this.md.renderInline(reason)}</p>` : '';
  }

  private member(owner: string, member: Member): string {
    const args = 'args' in member && member.args.length ? member.args : [];
    const argList = args.length
      ? `<ul class="args">${args.map((arg) => `<li><code>${arg.name}</code>: ${typeLink(arg.type)}${this.describe(arg.description)}${this.deprecation(arg.deprecationReason)}</li>`).join('')}</ul>`
      : '';
    return `<tr id="${owner}.${member.name}"><th scope="row"><code>${member.name}</code></th><td>${typeLink(member.type)}</td><td>${this.describe(member.description)}${this.deprecation('deprecationReason' in member ? member.deprecationReason : null)}${argList}</td></tr>`;
  }

  private section(type: GraphQLNamedType): string {
    const parts = [`<section id="${type.name}"><h2>${type.name} <small>${kindOf(type)}</small></h2>`, this.describe(type.description)];
    if (isObjectType(type) || isInterfaceType(type)) {
      const interfaces = type.getInterfaces();
      if (interfaces.length) parts.push(`<p>Implements ${interfaces.map((i) => typeLink(i)).join(', ')}.</p>`);
    }
    if (isUnionType(type))
      parts.push(
        `<p>One of ${type
          .getTypes()
          .map((t) => typeLink(t))
          .join(', ')}.</p>`,
      );
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      const rows = Object.values(type.getFields()).map((field) => this.member(type.name, field));
      parts.push(
        `<table><thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
      );
    }
    if (isEnumType(type)) {
      const rows = type
        .getValues()
        .map(
          (value) =>
            `<tr id="${type.name}.${value.name}"><th scope="row"><code>${value.name}</code></th><td>${this.describe(value.description)}${this.deprecation(value.deprecationReason)}</td></tr>`,
        );
      parts.push(
        `<table><thead><tr><th scope="col">Value</th><th scope="col">Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
      );
    }
    parts.push('</section>');
    return parts.join('\n');
  }

  /** The reference page's main content: an index of every type, then one section per type. */
  html(): string {
    const types = documentedTypes(this.schema);
    const roots = ['Query', 'Mutation', 'Subscription'].filter((name) => types.some((t) => t.name === name));
    const index = types.map((t) => `<li><a href="#${t.name}">${t.name}</a> <small>${kindOf(t)}</small></li>`).join('');
    return [
      '<h1 id="schema-reference">Schema reference</h1>',
      '<p>Generated from <code>schema/schema.graphql</code>: every type, field, argument and enum value with its description. Start with the operations: ',
      roots.map((name) => `<a href="#${name}">${name}</a>`).join(', '),
      '.</p>',
      `<nav aria-label="Types"><ul class="type-index">${index}</ul></nav>`,
      ...types.map((type) => this.section(type)),
    ].join('\n');
  }
}
