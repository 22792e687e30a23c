import { describe, expect, it } from 'vitest';
import { camelCase, isBindingName, jsDocBlock, pascalCase, propertyKey } from '../../src/shared/names.js';

describe('pascalCase', () => {
  it.each<[string, { given: string; want: string | undefined }]>([
    ['keeps a PascalCase name', { given: 'VadConfig', want: 'VadConfig' }],
    ['keeps acronyms', { given: 'HTTPServer', want: 'HTTPServer' }],
    ['capitalises an operationId', { given: 'updateAgent', want: 'UpdateAgent' }],
    ['joins kebab-case', { given: 'simple-user', want: 'SimpleUser' }],
    ['joins snake_case', { given: 'vad_config', want: 'VadConfig' }],
    ['joins a GitHub operationId', { given: 'repos/get-content', want: 'ReposGetContent' }],
    ['prefixes a leading digit', { given: '2fa-settings', want: '_2faSettings' }],
    ['keeps non-ASCII letters', { given: 'café-menu', want: 'CaféMenu' }],
    ['gives up without letters or digits', { given: '-_-', want: undefined }],
  ])('%s', (_, { given, want }) => {
    expect(pascalCase(given)).toBe(want);
  });
});

describe('camelCase (credential names)', () => {
  it.each<[string, { given: string; want: string | undefined }]>([
    ['API-Key', { given: 'API-Key', want: 'apiKey' }],
    ['api-key', { given: 'api-key', want: 'apiKey' }],
    ['workspace-id', { given: 'workspace-id', want: 'workspaceId' }],
    ['an existing camelCase name', { given: 'accessToken', want: 'accessToken' }],
    ['snake_case', { given: 'session_token', want: 'sessionToken' }],
    ['a leading digit cannot start a name', { given: '2fa', want: undefined }],
    ['nothing usable', { given: '--', want: undefined }],
  ])('%s', (_, { given, want }) => {
    expect(camelCase(given)).toBe(want);
  });
});

describe('identifiers', () => {
  it.each<[string, { given: string; want: { binding: boolean; key: string } }]>([
    ['a plain name', { given: 'token', want: { binding: true, key: 'token' } }],
    ['a dollar name', { given: '$defs', want: { binding: true, key: '$defs' } }],
    ['a reserved word', { given: 'default', want: { binding: false, key: 'default' } }],
    ['a dashed name', { given: 'x-api-key', want: { binding: false, key: '"x-api-key"' } }],
    ['a leading digit', { given: '1st', want: { binding: false, key: '"1st"' } }],
  ])('%s', (_, { given, want }) => {
    expect({ binding: isBindingName(given), key: propertyKey(given) }).toEqual(want);
  });
});

describe('jsDocBlock', () => {
  it.each<[string, { given: [string | undefined, string?]; want: string }]>([
    ['nothing to say', { given: [undefined], want: '' }],
    ['only blanks to say', { given: [' \n '], want: '' }],
    ['one line', { given: ['Update agent'], want: '/** Update agent */\n' }],
    ['several lines, indented', { given: ['a\n\nb', '  '], want: '  /**\n   * a\n   *\n   * b\n   */\n' }],
    ['a comment terminator in the text', { given: ['ends */ early'], want: '/** ends *\\/ early */\n' }],
  ])('%s', (_, { given, want }) => {
    expect(jsDocBlock(...given)).toBe(want);
  });
});
