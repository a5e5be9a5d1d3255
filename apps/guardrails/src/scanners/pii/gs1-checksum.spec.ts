import { isGs1CheckValid } from './gs1-checksum';

describe('isGs1CheckValid', () => {
  it.each(['4006381333931', '4012888888881', '9780306406157'])('accepts the EAN-13 %s', (code) =>
    expect(isGs1CheckValid(code)).toBe(true),
  );

  it.each(['4006381333932', '4222222222222', '', '7'])('rejects %s', (code) =>
    expect(isGs1CheckValid(code)).toBe(false),
  );
});
