import { makeStyles, type Theme } from '@material-ui/core/styles';

/**
 * State colours that keep WCAG AA contrast (at least 4.5:1) with white text and on white: the theme's own
 * success, warning and error colours (Material-UI's defaults in Backstage's palette) read 2.8:1, 2.2:1 and 3.7:1.
 */
export const toneColors = { ok: '#2e7d32', warning: '#b45309', critical: '#c62828' } as const;

/** Error text readable on the page: the dark red on a light theme, the theme's light error colour on a dark one. */
export const errorTextColor = (theme: Theme) => (theme.palette.type === 'dark' ? theme.palette.error.light : toneColors.critical);

export const useToneStyles = makeStyles(theme => ({
  errorText: { color: errorTextColor(theme) },
}));
