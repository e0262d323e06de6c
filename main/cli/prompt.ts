import { createInterface } from 'node:readline';
import { OrdelogError } from '../../shared/errors';
import { UsageError } from './args';

/**
 * Reads a passphrase: from the environment variable when set (scripts), otherwise from the terminal without
 * echo. Never from an argument: arguments are visible in the process list and the shell history.
 */
export async function readPassphrase(envName: string, question: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError(`Geen wachtwoordzin: zet ${envName} of start het commando in een terminal.`);
  }
  return askHidden(question);
}

export async function readNewPassphrase(envName: string, who: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
  const first = await readPassphrase(envName, `Nieuwe wachtwoordzin voor ${who}: `);
  const second = await askHidden('Herhaal de wachtwoordzin: ');
  if (first !== second) throw new UsageError('De twee wachtwoordzinnen zijn niet gelijk.');
  return first;
}

/** Ctrl-C at a prompt closes readline without an answer: that stops the command (`Gestopt`, exit 130). */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    let prompted = false;
    output._writeToOutput = (text: string) => {
      // Show the question once, then nothing of what is typed.
      if (!prompted) {
        process.stderr.write(text);
        prompted = true;
      }
    };
    let answered = false;
    rl.on('close', () => {
      if (!answered) {
        process.stderr.write('\n');
        reject(new OrdelogError('CANCELLED'));
      }
    });
    rl.question(question, (answer) => {
      answered = true;
      process.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
  });
}

/** Asks a yes/no question on the terminal (visible input); only "ja" (or "j", "yes", "y") counts as yes, Ctrl-C as no. */
export function confirmOnTerminal(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    rl.on('close', () => resolve(false));
    rl.question(question, (answer) => {
      resolve(['ja', 'j', 'yes', 'y'].includes(answer.trim().toLowerCase()));
      rl.close();
    });
  });
}
