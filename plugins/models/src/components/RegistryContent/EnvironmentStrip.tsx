import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import type { EnvironmentState } from '@modelport/plugin-models-common';
import { Fragment } from 'react';
import { displayRef } from './displayRef';

const useStyles = makeStyles(theme => ({
  strip: { display: 'flex', alignItems: 'stretch', gap: theme.spacing(1), flexWrap: 'wrap' },
  env: { padding: theme.spacing(2), minWidth: 200, flex: 1 },
  arrow: { alignSelf: 'center', color: theme.palette.text.secondary },
  version: { fontFamily: 'monospace', fontSize: '1.25rem' },
}));

/** The current version of each environment in promotion order, with who put it there and how. */
export function EnvironmentStrip(props: {
  environments: EnvironmentState[];
  canRollback: boolean;
  onRollback: (environment: string) => void;
}) {
  const classes = useStyles();
  return (
    <Box className={classes.strip} role="list" aria-label="Environments">
      {props.environments.map((env, i) => (
        <Fragment key={env.name}>
          {i > 0 && <ArrowForwardIcon className={classes.arrow} />}
          <Paper variant="outlined" className={classes.env} role="listitem" aria-label={env.name}>
            <Typography variant="overline">{env.name}</Typography>
            {env.current ? (
              <>
                <Typography className={classes.version}>{env.current.version}</Typography>
                <Typography variant="caption" display="block" color="textSecondary">
                  {env.current.cause === 'rollback' ? 'rolled back' : 'promoted'} by {displayRef(env.current.by)} on{' '}
                  {new Date(env.current.since).toLocaleString()}
                </Typography>
                {env.current.reason && (
                  <Typography variant="caption" display="block">
                    Reason: {env.current.reason}
                  </Typography>
                )}
              </>
            ) : (
              <Typography color="textSecondary">No version yet</Typography>
            )}
            {props.canRollback && env.current && (
              <Button size="small" onClick={() => props.onRollback(env.name)}>
                Roll back…
              </Button>
            )}
          </Paper>
        </Fragment>
      ))}
    </Box>
  );
}
