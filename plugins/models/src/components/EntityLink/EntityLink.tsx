import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteParams, entityRouteRef, useEntityPresentation } from '@backstage/plugin-catalog-react';
import { memo } from 'react';

/*
 * Links to entity pages for tables of many rows (the explorer, the fleet). Not EntityRefLink: it wraps each name in
 * two Material-UI Boxes, and every Box instance attaches a style sheet of its own; with three links in each of 25
 * to 100 rows that was most of the time the explorer's table took to render (profiled in Chromium:
 * docs/benchmarks.md, the explorer in Chromium).
 */

type Props = { entityRef: string; defaultKind?: string };

function EntityPageLink(props: Props & { children: string; title?: string }) {
  const entityRoute = useRouteRef(entityRouteRef);
  const ref = parseEntityRef(props.entityRef, { defaultKind: props.defaultKind, defaultNamespace: 'default' });
  return (
    <Link to={entityRoute(entityRouteParams(ref, { encodeParams: true }))} title={props.title}>
      {props.children}
    </Link>
  );
}

/** A link named by the catalog's presentation of the entity (its title, or its name), the full ref on hover. */
function PresentedLink(props: Props) {
  const { primaryTitle, secondaryTitle } = useEntityPresentation(props.entityRef, { defaultKind: props.defaultKind });
  return (
    <EntityPageLink {...props} title={secondaryTitle}>
      {primaryTitle}
    </EntityPageLink>
  );
}

/** A link to an entity's page, named `title` when the row already knows it (no lookup), else as the catalog presents it. */
export const EntityLink = memo(function EntityLinkView(props: Props & { title?: string }) {
  const { title, ...link } = props;
  if (title !== undefined) return <EntityPageLink {...link}>{title}</EntityPageLink>;
  return <PresentedLink {...link} />;
});
