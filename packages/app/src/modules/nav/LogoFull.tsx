import { makeStyles } from '@material-ui/core';
import { ModelportMark } from './LogoIcon';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: 10, color: '#ffffff' },
  // The sidebar's logo link is only as wide as the closed sidebar; the open one's logo overflows it, so nothing shrinks.
  svg: { width: 30, height: 30, flexShrink: 0 },
  name: { fontSize: 22, fontWeight: 600, letterSpacing: 0.3, whiteSpace: 'nowrap' },
});

/** The mark and the product's name, as the open sidebar shows them. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <ModelportMark className={classes.svg} />
      <span className={classes.name} aria-hidden="true">
        Modelport
      </span>
    </span>
  );
};
