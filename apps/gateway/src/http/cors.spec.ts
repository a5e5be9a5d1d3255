import { loadConfig } from '@conduit/config';
import { GatewayConfigSchema } from '../config/gateway-config.schema';
import { parseCorsOrigins } from './cors';

describe('GATEWAY_CORS_ORIGINS', () => {
  it('reads exact origins as browsers send them', () => {
    expect(
      parseCorsOrigins(' https://App.Example.com/ ,http://localhost:5173,https://x.dev:443,'),
    ).toEqual({
      origins: ['https://app.example.com', 'http://localhost:5173', 'https://x.dev'],
      problems: [],
    });
    expect(parseCorsOrigins('')).toEqual({ origins: [], problems: [] });
    expect(parseCorsOrigins('*')).toEqual({ origins: ['*'], problems: [] });
  });

  it('names every entry that is not an origin', () => {
    const { problems } = parseCorsOrigins(
      'https://ok.example,https://*.example.com,https://a.example/path,example.com,ftp://f.example,https://u:p@b.example,*',
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('`*`');
    const listed = parseCorsOrigins(
      'https://ok.example,https://*.example.com,https://a.example/path,example.com,ftp://f.example,https://u:p@b.example,https://c.example?x=1',
    );
    expect(listed.origins).toEqual(['https://ok.example']);
    expect(listed.problems).toHaveLength(6);
  });

  it('is refused at boot when wrong, and defaults to no origin', () => {
    expect(loadConfig(GatewayConfigSchema, {}).GATEWAY_CORS_ORIGINS).toEqual([]);
    expect(() =>
      loadConfig(GatewayConfigSchema, { GATEWAY_CORS_ORIGINS: 'https://a.example/app' }),
    ).toThrow(
      /GATEWAY_CORS_ORIGINS="https:\/\/a.example\/app": "https:\/\/a.example\/app" is not an origin/,
    );
    expect(loadConfig(GatewayConfigSchema, {}).GATEWAY_ACCESS_LOG).toBe('all');
    expect(loadConfig(GatewayConfigSchema, {}).GATEWAY_ACCESS_LOG_SAMPLE_RATE).toBe(1);
  });
});
