import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/platform/config.js';

describe('configuration', () => {
  it('requires a signing secret in production, and a long one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', KIZUNA_SECRET: 'short' })).toThrow(/at least 32/);
    const config = loadConfig({
      NODE_ENV: 'production',
      KIZUNA_SECRET: 'x'.repeat(32),
      SMTP_URL: 'smtp://mail.example.com',
      PORT: '8080',
    });
    expect(config.secret).toBe('x'.repeat(32));
    expect(config.baseUrl).toBe('http://127.0.0.1:8080');
  });

  it('refuses production without SMTP: the in-database outbox is for development and demos', () => {
    const env = { NODE_ENV: 'production', KIZUNA_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/SMTP_URL is required in production/);
    expect(loadConfig({ ...env, SMTP_URL: 'smtps://mail.example.com' }).smtpUrl).toBe(
      'smtps://mail.example.com',
    );
    expect(
      loadConfig({
        NODE_ENV: 'development',
        KIZUNA_DATA_DIR: '/nonexistent-kizuna-test',
        KIZUNA_SECRET: 'x'.repeat(32),
      }).smtpUrl,
    ).toBeUndefined();
  });

  it('refuses a bad port, base URL or SMTP URL with a clear message', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', PORT: 'eighty' })).toThrow(
      'PORT must be 0–65535, got "eighty"',
    );
    expect(() => loadConfig({ NODE_ENV: 'test', KIZUNA_BASE_URL: 'not a url' })).toThrow(/KIZUNA_BASE_URL/);
    expect(() => loadConfig({ NODE_ENV: 'test', SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL/);
  });

  it('uses the embedded database unless DATABASE_URL is set', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).databaseUrl).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://x@h/db' }).databaseUrl).toBe(
      'postgres://x@h/db',
    );
  });
});
