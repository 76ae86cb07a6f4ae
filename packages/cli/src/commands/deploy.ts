import type { Command } from 'commander';
import type { CommandModule } from '../command.js';

interface DeployFlags {
  env: string;
  config?: string;
  gatewayAdminUrl?: string;
  gatewayToken?: string;
  route?: string;
  state?: string;
  router?: string;
}

function sharedFlags(cmd: Command): Command {
  return cmd
    .requiredOption('-e, --env <environment>', 'target environment, e.g. production')
    .option('--gateway-admin-url <url>', 'admin listener of slipway gateway (default deploy.gateway.adminUrl)')
    .option('--gateway-token <token>', 'admin token (default $SLIPWAY_GATEWAY_ADMIN_TOKEN or deploy.gateway.tokenEnv)')
    .option('--route <name>', 'gateway route whose weights move (default deploy.gateway.route)')
    .option('--state <dir>', 'rollout state and release history, a folder or s3://bucket/prefix (default deploy.state or .slipway/state)')
    .option('--router <kind>', 'what moves the traffic: gateway, kubernetes or sagemaker (default deploy.router, else gateway)');
}

function inputs(o: DeployFlags, extra: Record<string, string | undefined>): Record<string, string | undefined> {
  return {
    environment: o.env,
    'gateway-admin-url': o.gatewayAdminUrl,
    'gateway-token': o.gatewayToken,
    route: o.route,
    state: o.state,
    router: o.router,
    ...extra,
  };
}

/** `slipway deploy canary` and `slipway rollback`: progressive delivery from a terminal. */
export const deployCommand: CommandModule = {
  register(program, execute) {
    const deploy = program.command('deploy').description('roll a release out through a traffic router');
    sharedFlags(deploy.command('canary'))
      .description('canary rollout: steps of weights, pauses and analyses from deploy.canary; promote or roll back')
      .option('--release <id>', 'release id (sha256:…); default a release sealed from the commit')
      .option('--strategy <file>', 'YAML file with steps and metrics (default deploy.canary in slipway.yml)')
      .option('--gateway-url <url>', 'the gateway OpenAI-compatible base URL (…/v1), for --online-eval')
      .option('--online-eval <file>', 'JSONL eval cases asked of stable and canary at each look')
      .option('--approved', 'continue a rollout paused for approval', false)
      .action((o: DeployFlags & { release?: string; strategy?: string; gatewayUrl?: string; onlineEval?: string; approved: boolean }) =>
        execute(
          'deploy canary',
          inputs(o, { release: o.release, strategy: o.strategy, 'gateway-url': o.gatewayUrl, 'online-eval': o.onlineEval, approved: String(o.approved) }),
          async (rt, globals) => {
            const { deployCanary, readDeployInputs } = await import('@slipway/delivery');
            return deployCanary(rt, { ...readDeployInputs(rt), ...(globals.config ? { configFile: globals.config } : {}) });
          },
        ),
      );
    sharedFlags(program.command('rollback'))
      .description('send all traffic back to stable now, skipping analysis; idempotent')
      .option('--reason <text>', 'why, recorded in the history', 'manual rollback')
      .option('--release <id>', 'the release expected to serve afterwards (default the last healthy one)')
      .option('--follow-up <kind>', 'also open an issue or a revert PR: none, issue or revert-pr (uses $GITHUB_TOKEN and $GITHUB_REPOSITORY)', 'none')
      .action((o: DeployFlags & { reason: string; release?: string; followUp: string }) =>
        execute(
          'rollback',
          inputs(o, { reason: o.reason, release: o.release, 'follow-up': o.followUp, 'github-token': process.env.GITHUB_TOKEN }),
          async (rt, globals) => {
            const { readRollbackInputs, rollbackDeployment } = await import('@slipway/delivery');
            return rollbackDeployment(rt, { ...readRollbackInputs(rt), ...(globals.config ? { configFile: globals.config } : {}) });
          },
        ),
      );
  },
};
