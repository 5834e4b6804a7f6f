// Command-line flags of the FER examples (fer-cnn, fer-modern). A user error is a UsageError: one message, exit 1.

export class UsageError extends Error {}

const FLAGS = {
  '--data': 'path',
  '--epochs': 'int',
  '--batch-size': 'int',
  '--samples': 'int',
  '--seed': 'int',
  '--out': 'path',
  '--learning-rate': 'number',
  '--difficulty': 'fraction',
  '--resume': 'flag',
};

/** The usage text, for the command that runs the example (`npm start`, `npm run fer-modern`). */
export const help = (command) => `Usage: ${command} -- [options]
  --data <fer2013.csv | folder>  train on real FER2013 (CSV, or train/<class>/*.png|jpg folders); default: synthetic faces
  --epochs <n>                   training epochs
  --batch-size <n>               samples per batch
  --samples <n>                  synthetic training images (validation and test sets: a quarter of it each)
  --seed <n>                     seed for data, weights, dropout and shuffling
  --difficulty <0..1>            synthetic faces' variation (pose, lighting, noise, subtlety); default 0.5
  --learning-rate <x>            Adam learning rate
  --out <dir>                    where the model, the chart, the metrics and a checkpoint go
  --resume                       continue the run stopped with Ctrl-C from the checkpoint in --out
                                 (with the same --data and --out; --epochs may be raised)`;

/** `argv` as a shell command line (arguments quoted where the shell would split or expand them). */
export function shellWords(argv) {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export function parseArgs(argv, defaults, command = 'npm start') {
  const opts = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') return { ...opts, help: true };
    const kind = FLAGS[flag];
    if (!kind) throw new UsageError(`unknown option '${flag}'\n${help(command)}`);
    const key = flag.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (kind === 'flag') {
      opts[key] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`option ${flag} needs a value`);
    if (kind === 'int') {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) throw new UsageError(`option ${flag} must be a positive integer, got '${value}'`);
      opts[key] = n;
    } else if (kind === 'fraction') {
      const n = Number(value);
      if (!(value.trim() !== '' && n >= 0 && n <= 1)) throw new UsageError(`option ${flag} must be a number in [0, 1], got '${value}'`);
      opts[key] = n;
    } else if (kind === 'number') {
      const n = Number(value);
      if (!(n > 0)) throw new UsageError(`option ${flag} must be a positive number, got '${value}'`);
      opts[key] = n;
    } else {
      opts[key] = value;
    }
  }
  return opts;
}
