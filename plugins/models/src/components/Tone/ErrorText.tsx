import Typography, { type TypographyProps } from '@material-ui/core/Typography';
import type { ElementType } from 'react';
import { useToneStyles } from './tones';

/**
 * Text that reports a failure or stale figures, in an error colour with enough contrast; with `error={false}` the
 * same text in the `otherwise` colour (the secondary one by default), for places that are in error only sometimes.
 */
export function ErrorText({
  error = true,
  otherwise = 'textSecondary',
  className,
  ...props
}: Omit<TypographyProps, 'color'> & { error?: boolean; otherwise?: 'textSecondary' | 'textPrimary'; component?: ElementType }) {
  const classes = useToneStyles();
  const classNames = [error ? classes.errorText : undefined, className].filter(Boolean).join(' ');
  return <Typography {...props} color={error ? 'inherit' : otherwise} className={classNames || undefined} />;
}
