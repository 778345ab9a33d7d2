import { Content } from '@backstage/core-components';
import { CustomHomepageGrid } from '@backstage/plugin-home';
import type { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import Box from '@material-ui/core/Box';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { useTheme } from '@material-ui/core/styles';
import { Fragment, useMemo } from 'react';

/**
 * The customizable grid lays its widgets out for 12 columns and, below 600 px, squeezes them into a few pixels
 * each and scrolls sideways; on a phone the widgets are stacked instead, in the order of the configured rows and
 * columns. Wider screens get the grid exactly as Backstage's default layout builds it.
 */
export function HomeLayout({ widgets, defaultConfig }: HomePageLayoutProps) {
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('xs'));
  const gridConfig = useMemo(
    () =>
      defaultConfig?.map(item => ({
        component: item.component,
        x: item.column,
        y: item.row,
        width: item.width,
        height: item.height,
        movable: item.movable,
        deletable: item.deletable,
        resizable: item.resizable,
      })),
    [defaultConfig],
  );
  const stacked = useMemo(() => {
    const placed = new Map(defaultConfig?.map(item => [item.component, item]));
    const placing = (name?: string) => placed.get(name ?? '');
    return widgets
      .filter(w => !defaultConfig || placing(w.name))
      .sort((a, b) => (placing(a.name)?.row ?? 0) - (placing(b.name)?.row ?? 0) || (placing(a.name)?.column ?? 0) - (placing(b.name)?.column ?? 0));
  }, [widgets, defaultConfig]);

  if (phone) {
    return (
      <Content>
        {stacked.map((widget, index) => (
          <Box key={widget.name ?? index} mb={2}>
            {widget.component}
          </Box>
        ))}
      </Content>
    );
  }
  return (
    <Content>
      {/* Twelve columns at every width the grid is used at, as the configuration is written for; the grid's own
          default narrows to ten at 960 px and moves widgets that no longer fit out of their places. */}
      <CustomHomepageGrid config={gridConfig} cols={{ xl: 12, lg: 12, md: 12, sm: 12, xs: 12, xxs: 12 }}>
        {widgets.map((widget, index) => (
          <Fragment key={widget.name ?? index}>{widget.component}</Fragment>
        ))}
      </CustomHomepageGrid>
    </Content>
  );
}
