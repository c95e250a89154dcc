import { Command } from 'commander';
import type { DecisionEventJson } from '@eksid/core';
import { ADMIN_TOKEN_HELP, callEksid, endpointHelp, resolveTarget } from '../client.js';
import type { Io } from '../io.js';
import { followEvents } from './events-follow.js';
import { formatEvent, formatEventJson } from './events-format.js';
import { positive } from '../options.js';

interface EventsOptions {
  follow?: boolean;
  json?: boolean;
  trace?: boolean;
  cluster?: string;
  denied?: boolean;
  limit?: number;
  endpoint?: string;
  adminToken?: string;
}

const DEFAULT_LIMIT = 50;
// Following is about what happens next: a screenful of context is enough.
const DEFAULT_FOLLOW_LIMIT = 10;

/** Colour only for a person at a terminal, and never when NO_COLOR is set (https://no-color.org). */
function wantsColor(io: Io): boolean {
  return io.stdoutIsTty === true && !io.env['NO_COLOR'];
}

/**
 * `eksid events`: the audit trail of credential decisions (STS, EKS Auth, node agents, the
 * webhook), newest last. With --follow it keeps printing them as they are made until
 * SIGINT/SIGTERM.
 */
export function eventsCommand(io: Io): Command {
  return new Command('events')
    .description('show credential decisions: who asked for which role, what was answered, and why')
    .option('-f, --follow', 'keep printing decisions as they are made, until Ctrl-C')
    .option('--json', 'one JSON object per decision per line (NDJSON), as the server sends it')
    .option('-v, --trace', 'show every decision\'s trace (by default only denied decisions show theirs)')
    .option('--cluster <name>', 'only decisions about this cluster')
    .option('--denied', 'only denied decisions')
    .option('--limit <n>', `how many past decisions to print first (default: ${DEFAULT_LIMIT}, or ${DEFAULT_FOLLOW_LIMIT} with --follow; at most 10000)`, positive(10_000))
    .option('--endpoint <url>', endpointHelp())
    .option('--admin-token <token>', ADMIN_TOKEN_HELP)
    .action(async (options: EventsOptions) => {
      const server = resolveTarget(options, io.env);
      // Listen before the first request, so a Ctrl-C at any point ends following cleanly.
      const stop = new AbortController();
      if (options.follow) void io.stopSignal().then(() => stop.abort());
      const style = { color: wantsColor(io), traces: options.trace === true };
      const print = (event: DecisionEventJson) => io.stdout(options.json ? formatEventJson(event) : formatEvent(event, style));
      const filter = new URLSearchParams();
      if (options.cluster !== undefined) filter.set('cluster', options.cluster);
      if (options.denied) filter.set('denied', 'true');
      const page = new URLSearchParams(filter);
      page.set('limit', String(options.limit ?? (options.follow ? DEFAULT_FOLLOW_LIMIT : DEFAULT_LIMIT)));
      const reply = await callEksid(server, 'GET', `/_eksid/events?${page}`);
      (reply['events'] as DecisionEventJson[]).forEach(print);
      if (!options.follow || stop.signal.aborted) return;
      await followEvents({
        server,
        query: filter,
        after: Number(reply['latestId']),
        stop: stop.signal,
        onEvent: print,
        notice: (line) => io.stderr(`eksid: ${line}\n`),
      });
    });
}
