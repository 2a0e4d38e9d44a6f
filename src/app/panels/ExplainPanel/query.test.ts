import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY, queryOf } from '../../store/insight-slice';
import { matchSuggestions } from './Autocomplete';

describe('the query box', () => {
  it('asks the engine only a complete question, and says what is missing otherwise', () => {
    expect(queryOf({ ...EMPTY_QUERY, to: 'a/b', port: '80' })).toMatch(/From/);
    expect(queryOf({ ...EMPTY_QUERY, from: 'a/b', port: '80' })).toMatch(/To/);
    expect(queryOf({ ...EMPTY_QUERY, from: 'a/b', to: 'c/d', port: '0' })).toMatch(/port number/);
    expect(queryOf({ ...EMPTY_QUERY, from: 'a/b', to: 'c/d', port: 'http' })).toMatch(/port number/);
    expect(queryOf({ from: ' a/b ', to: '10.0.0.1', port: ' 53 ', protocol: 'UDP' })).toEqual({
      from: 'a/b',
      to: '10.0.0.1',
      port: 53,
      protocol: 'UDP',
    });
  });

  it('suggests ends that contain every word typed, those that start with it first', () => {
    const suggestions = [
      { value: 'prod/web', hint: 'Deployment' },
      { value: 'dev/web', hint: 'Pod · 10.2.0.5' },
      { value: 'web/frontend', hint: 'Pod' },
      { value: '203.0.113.80', hint: 'an internet address' },
    ];
    expect(matchSuggestions(suggestions, 'web').map((s) => s.value)).toEqual([
      'web/frontend',
      'prod/web',
      'dev/web',
    ]);
    expect(matchSuggestions(suggestions, 'web pod').map((s) => s.value)).toEqual(['web/frontend', 'dev/web']);
    expect(matchSuggestions(suggestions, 'internet').map((s) => s.value)).toEqual(['203.0.113.80']);
    expect(matchSuggestions(suggestions, '')).toHaveLength(4);
  });
});
