import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 28, height: 28, flexShrink: 0 },
});

/** Modelport's mark: a model's layers of nodes, joined, passing through a port. Drawn here, so it needs no asset. */
export const ModelportMark = ({ className }: { className?: string }) => (
  <svg className={className} xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" role="img" aria-label="Modelport">
    <rect x="1.5" y="1.5" width="37" height="37" rx="9" fill="none" stroke="#7df3e1" strokeWidth="3" />
    <g stroke="#7df3e1" strokeWidth="2" opacity="0.8">
      <line x1="11" y1="12" x2="20" y2="20" />
      <line x1="11" y1="28" x2="20" y2="20" />
      <line x1="11" y1="12" x2="20" y2="11" />
      <line x1="11" y1="28" x2="20" y2="29" />
      <line x1="20" y1="11" x2="29" y2="20" />
      <line x1="20" y1="20" x2="29" y2="20" />
      <line x1="20" y1="29" x2="29" y2="20" />
    </g>
    <g fill="#7df3e1">
      <circle cx="11" cy="12" r="3.2" />
      <circle cx="11" cy="28" r="3.2" />
      <circle cx="20" cy="11" r="3.2" />
      <circle cx="20" cy="20" r="3.2" />
      <circle cx="20" cy="29" r="3.2" />
      <circle cx="29" cy="20" r="3.6" />
    </g>
  </svg>
);

export const LogoIcon = () => {
  const classes = useStyles();
  return <ModelportMark className={classes.svg} />;
};
