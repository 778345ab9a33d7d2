import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import type { EnvironmentState, RegistryEnvironmentPolicy, RegistryViewer } from '@modelport/plugin-models-common';
import { Fragment } from 'react';
import { listed, personRef } from './displayRef';
import { policyText } from './policyText';
import { agoZoned } from '../Observability/format';

const useStyles = makeStyles(theme => ({
  strip: { display: 'flex', alignItems: 'stretch', gap: theme.spacing(1), flexWrap: 'wrap' },
  env: { padding: theme.spacing(2), minWidth: 220, flex: 1, overflowWrap: 'anywhere', [theme.breakpoints.down('xs')]: { minWidth: '100%' } },
  // Between stacked cards an arrow pointing sideways says nothing; the order reads from top to bottom.
  arrow: { alignSelf: 'center', color: theme.palette.text.secondary, [theme.breakpoints.down('xs')]: { display: 'none' } },
  version: { fontFamily: 'monospace', fontSize: '1.25rem' },
  reason: { display: '-webkit-box', WebkitLineClamp: 4, WebkitBoxOrient: 'vertical', overflow: 'hidden' },
}));

/**
 * The current version of each environment in promotion order: who asked for it and who approved it (or who rolled
 * it back and why), the environment's policy, and rollback where an earlier version exists.
 */
export function EnvironmentStrip(props: {
  environments: EnvironmentState[];
  policies: RegistryEnvironmentPolicy[];
  owner: string;
  namespace?: string;
  viewer?: RegistryViewer;
  rollbackCandidates: (environment: string) => string[];
  onRollback: (environment: string) => void;
}) {
  const classes = useStyles();
  const who = (ref: string) => personRef(ref, props.viewer?.ref);
  return (
    <Box className={classes.strip} role="list" aria-label="Environments">
      {props.environments.map((env, i) => {
        const policy = props.policies.find(p => p.name === env.name);
        const candidates = props.rollbackCandidates(env.name);
        return (
          <Fragment key={env.name}>
            {i > 0 && <ArrowForwardIcon className={classes.arrow} aria-hidden />}
            <Paper variant="outlined" className={classes.env} role="listitem" aria-label={env.name}>
              <Typography variant="overline" component="h3">
                {env.name}
              </Typography>
              {env.current ? (
                <>
                  <Typography className={classes.version}>{env.current.version}</Typography>
                  <Typography variant="caption" display="block" color="textSecondary">
                    {env.current.cause === 'promotion' ? 'Promoted' : 'Rolled back'} {agoZoned(env.current.since)}
                  </Typography>
                  {env.promotion && (
                    <Typography variant="body2">
                      Requested by {who(env.promotion.requestedBy)}
                      {env.promotion.approvedBy.length ? `, approved by ${listed(env.promotion.approvedBy.map(who))}` : ', no approval needed'}
                    </Typography>
                  )}
                  {env.current.cause !== 'promotion' && (
                    <Typography variant="body2">
                      by {who(env.current.by)}
                      {env.current.reason && (
                        <span className={classes.reason} title={env.current.reason}>
                          Reason: {env.current.reason}
                        </span>
                      )}
                    </Typography>
                  )}
                </>
              ) : (
                <Typography color="textSecondary">No version yet</Typography>
              )}
              {policy && (
                <Typography variant="caption" display="block" style={{ marginTop: 8 }}>
                  {policyText(policy, props.owner, props.namespace)}
                  {props.viewer?.approves.includes(env.name) ? ' You are one of the approvers.' : ''}
                </Typography>
              )}
              {props.viewer?.canRollback && env.current && (
                <Box mt={1}>
                  <Button size="small" variant="outlined" disabled={!candidates.length} onClick={() => props.onRollback(env.name)}>
                    Roll back…
                  </Button>
                  {!candidates.length && (
                    <Typography variant="caption" display="block" color="textSecondary">
                      No earlier version has been in {env.name}, so there is nothing to roll back to.
                    </Typography>
                  )}
                </Box>
              )}
            </Paper>
          </Fragment>
        );
      })}
    </Box>
  );
}
