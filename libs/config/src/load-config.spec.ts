import { z } from 'zod';
import { CommonConfigSchema } from './common-config.schema';
import { envInt } from './env-types';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  const schema = CommonConfigSchema.extend({ PORT: envInt(8080), SECRET: z.string().min(3) });

  it('applies defaults and treats empty strings as unset', () => {
    const config = loadConfig(schema, { SECRET: 'abc', PORT: '' });
    expect(config.PORT).toBe(8080);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
  });

  it('names every bad variable and its value', () => {
    expect(() => loadConfig(schema, { PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig(schema, { PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT="eighty"');
      expect(message).toContain('LOG_LEVEL="loud"');
      expect(message).toContain('SECRET');
    }
  });
});
