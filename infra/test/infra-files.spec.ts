import { dockerStages, interpolate, publishedPorts, serviceEnvironment } from './infra-files';

describe('interpolate', () => {
  const env = { SET: 'value', EMPTY: '' };

  it.each([
    ['${SET}', 'value'],
    ['$SET/x', 'value/x'],
    ['${MISSING}', ''],
    ['${MISSING:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${MISSING:-${SET}}', 'value'],
    ['${SET:+alt}', 'alt'],
    ['${MISSING:+alt}', ''],
    ['$$SET', '$SET'],
  ])('%s -> %j', (input, expected) => {
    expect(interpolate(input, env)).toBe(expected);
  });

  it('fails on a missing required variable', () => {
    expect(() => interpolate('${MISSING:?set it}', env)).toThrow('set it');
  });
});

describe('serviceEnvironment', () => {
  it('reads the list form, passing variables without a value through from the host', () => {
    expect(serviceEnvironment({ environment: ['A=1', 'B', 'C=${SET:-x}'] }, { B: 'host' })).toEqual(
      {
        A: '1',
        B: 'host',
        C: 'x',
      },
    );
  });

  it('reads the mapping form, with numbers as strings', () => {
    expect(serviceEnvironment({ environment: { PORT: 8080, B: null } }, {})).toEqual({
      PORT: '8080',
      B: undefined,
    });
  });
});

describe('publishedPorts', () => {
  it('reads short and long syntax', () => {
    expect(
      publishedPorts(
        {
          ports: [
            '8080:8080',
            '127.0.0.1:9090:9090/tcp',
            '3000',
            { target: 80, published: '8081' },
          ],
        },
        {},
      ),
    ).toEqual([
      { hostPort: '8080', containerPort: '8080' },
      { hostPort: '9090', containerPort: '9090' },
      { hostPort: undefined, containerPort: '3000' },
      { hostPort: '8081', containerPort: '80' },
    ]);
  });
});

describe('dockerStages', () => {
  it('names stages and keeps their instructions, joining continued lines', () => {
    const stages = dockerStages(
      'FROM node:20 AS build\nRUN a \\\n  b\nFROM --platform=x build AS app\nCMD ["node"]\n',
    );
    expect(stages).toEqual([
      { base: 'node:20', name: 'build', lines: ['RUN a    b'] },
      { base: 'build', name: 'app', lines: ['CMD ["node"]'] },
    ]);
  });
});
