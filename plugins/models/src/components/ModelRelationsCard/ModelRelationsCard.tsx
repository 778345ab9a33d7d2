import { InfoCard } from '@backstage/core-components';
import {
  EntityRefLinks,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  RELATION_SERVED_BY,
  RELATION_TRAINED_ON,
} from '@modelport/plugin-models-common';

const useStyles = makeStyles(theme => ({
  item: { marginBottom: theme.spacing(2) },
}));

function RelatedEntities(props: { title: string; relation: string; none: string }) {
  const classes = useStyles();
  const { entity } = useEntity();
  const refs = getEntityRelations(entity, props.relation);
  return (
    <div className={classes.item}>
      <Typography variant="subtitle2" component="h3">
        {props.title}
      </Typography>
      {refs.length ? (
        <Typography variant="body2" component="div">
          <EntityRefLinks entityRefs={refs} />
        </Typography>
      ) : (
        <Typography variant="body2" color="textSecondary">
          {props.none}
        </Typography>
      )}
    </div>
  );
}

/** Where a model runs and what it learned from, read from the relations the catalog module emits. */
export function ModelRelationsCard() {
  return (
    <InfoCard title="Serving and data">
      <RelatedEntities
        title="Served by"
        relation={RELATION_SERVED_BY}
        none="No serving component or API is recorded (spec.servedBy)."
      />
      <RelatedEntities
        title="Trained on"
        relation={RELATION_TRAINED_ON}
        none="No training dataset is recorded (spec.trainedOn)."
      />
    </InfoCard>
  );
}
