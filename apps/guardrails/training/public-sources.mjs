// The public, licensed sources the learned injection model is trained on, read from local git
// snapshots of their repositories (see README.md beside this file for how to get them). The
// commit of each is pinned, so a retrain reads exactly the texts the shipped model saw.
//
// Never add (they are held out for evaluation, and so is anything copied from them):
// NVIDIA/garak's data, meta-llama/PurpleLlama, paul-rottger/exaggerated-safety (XSTest),
// microsoft/presidio-research, verazuo/jailbreak_llms and its in-the-wild / FlowGPT /
// jailbreakchat collections wherever mirrored (JailbreakBench's `JBC` folder is one: skipped),
// f/awesome-chatgpt-prompts. Giskard-AI/prompt-injections bundles garak's data: not used.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const SOURCES = [
  {
    name: 'jbb-pair',
    repo: 'JailbreakBench/artifacts',
    commit: null,
    license: 'MIT',
    what: 'PAIR attack prompts (LLM-written role-play, fiction, authority and persuasion jailbreaks)',
    label: 1,
    read: (git) => jailbreaks(git, 'attack-artifacts/PAIR/'),
  },
  {
    name: 'jbb-random-search',
    repo: 'JailbreakBench/artifacts',
    commit: null,
    license: 'MIT',
    what: 'the rule-list jailbreak template of Andriushchenko et al. with random-search suffixes',
    label: 1,
    read: (git) => jailbreaks(git, 'attack-artifacts/prompt_with_random_search/').slice(0, 120),
  },
  {
    name: 'jbb-gcg',
    repo: 'JailbreakBench/artifacts',
    commit: null,
    license: 'MIT',
    what: 'GCG adversarial-suffix attacks',
    label: 1,
    read: (git) => jailbreaks(git, 'attack-artifacts/GCG/').slice(0, 120),
  },
  {
    name: 'jbb-goals',
    repo: 'JailbreakBench/artifacts',
    commit: null,
    license: 'MIT',
    what: 'the plain requests behind those attacks, without any jailbreak framing (benign for an injection detector: harmful content is not injection)',
    label: 0,
    read: (git) => [...new Set(allJailbreaks(git, 'attack-artifacts/PAIR/').map((j) => j.goal))],
  },
  {
    name: 'self-instruct',
    repo: 'yizhongw/self-instruct',
    commit: null,
    license: 'Apache-2.0',
    what: 'seed tasks and user-oriented instructions, with their first input',
    label: 0,
    read: (git) => [
      ...jsonLines(git.show('data/seed_tasks.jsonl')).map((task) =>
        withInput(task.instruction, task.instances?.[0]?.input),
      ),
      ...jsonLines(git.show('human_eval/user_oriented_instructions.jsonl')).map((task) =>
        withInput(task.instruction, task.instances?.[0]?.input),
      ),
    ],
  },
  {
    name: 'gsm8k',
    repo: 'openai/grade-school-math',
    commit: null,
    license: 'MIT',
    what: 'grade-school maths word problems (the first 600 of train)',
    label: 0,
    read: (git) =>
      jsonLines(git.show('grade_school_math/data/train.jsonl'))
        .slice(0, 600)
        .map((row) => row.question),
  },
  {
    name: 'fabric-patterns',
    repo: 'danielmiessler/fabric',
    commit: null,
    license: 'MIT',
    what: 'long, structured prompt-library prompts (`# IDENTITY and PURPOSE`, `# STEPS`, …)',
    label: 0,
    read: (git) =>
      git
        .files('data/patterns/')
        .filter((file) => file.endsWith('/system.md'))
        .map((file) => git.show(file)),
  },
  {
    name: 'bipia-content',
    repo: 'microsoft/BIPIA',
    commit: null,
    license: 'MIT',
    what: 'e-mails, tables and code with questions about them (the clean contexts, no attacks inserted)',
    label: 0,
    read: (git) =>
      ['benchmark/email/train.jsonl', 'benchmark/table/train.jsonl', 'benchmark/code/train.jsonl']
        .flatMap((file) => jsonLines(git.show(file)).slice(0, 120))
        .map((row) => `${String(row.context ?? '').slice(0, 4000)}\n\n${row.question ?? ''}`),
  },
];

function withInput(instruction, input) {
  return input ? `${instruction}\n\n${input}` : instruction;
}

function jsonLines(text) {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

function allJailbreaks(git, folder) {
  return git
    .files(folder)
    .filter((file) => file.endsWith('.json') && !file.endsWith('attack-info.json'))
    .flatMap((file) => JSON.parse(git.show(file)).jailbreaks ?? [])
    .filter((row) => typeof row.prompt === 'string' && row.prompt.trim());
}

function jailbreaks(git, folder) {
  return [...new Set(allJailbreaks(git, folder).map((row) => row.prompt))];
}

/**
 * Reads a repository from `<mirrors>/<owner>+<name>/repo` (a bare snapshot) or
 * `<mirrors>/<owner>/<name>` (a clone), at `commit` or its HEAD.
 */
export function openRepository(mirrors, repo, commit) {
  const [owner, name] = repo.split('/');
  const bare = path.join(mirrors, `${owner}+${name}`, 'repo');
  const clone = path.join(mirrors, owner, name);
  const gitArgs = existsSync(bare) ? ['--git-dir', bare] : ['-C', clone];
  const git = (...args) =>
    execFileSync('git', [...gitArgs, ...args], { maxBuffer: 1 << 28, encoding: 'utf8' });
  const head = commit ?? git('rev-parse', 'HEAD').trim();
  return {
    commit: head,
    files: (folder) =>
      git('ls-tree', '-r', '--name-only', head, folder).split('\n').filter(Boolean),
    show: (file) => git('show', `${head}:${file}`),
  };
}
