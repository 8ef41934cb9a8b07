/** Deployment, ReplicaSet, StatefulSet and DaemonSet tables. */
import type { KindPrinter } from './index';
import { CONTAINERS_DESC, IMAGES_DESC, ageColumn, col, containerCells, formatLabelSelector, formatLabels, nameColumn, selectorString, since } from './cells';
import {
  DEPLOY_AVAILABLE,
  DEPLOY_SELECTOR,
  DEPLOY_UPDATED,
  DS_AVAILABLE,
  DS_CURRENT,
  DS_DESIRED,
  DS_READY,
  DS_SELECTOR,
  DS_UPDATED,
  POD_NODE_SELECTOR,
  RS_READY,
  RS_SELECTOR,
  RS_SPEC_REPLICAS,
  RS_STATUS_REPLICAS,
} from './descriptions';

const containersColumn = col('Containers', 'string', CONTAINERS_DESC, 1);
const imagesColumn = col('Images', 'string', IMAGES_DESC, 1);

export const deploymentPrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', DEPLOY_UPDATED),
    col('Available', 'string', DEPLOY_AVAILABLE),
    ageColumn,
    containersColumn,
    imagesColumn,
    col('Selector', 'string', DEPLOY_SELECTOR, 1),
  ],
  row(d, now) {
    const [names, images] = containerCells(d.spec?.template?.spec?.containers);
    return [
      d.metadata.name,
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      since(d.metadata.creationTimestamp, now),
      names,
      images,
      selectorString(d.spec?.selector),
    ];
  },
};

export const replicaSetPrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('Desired', 'integer', RS_SPEC_REPLICAS),
    col('Current', 'integer', RS_STATUS_REPLICAS),
    col('Ready', 'integer', RS_READY),
    ageColumn,
    containersColumn,
    imagesColumn,
    col('Selector', 'string', RS_SELECTOR, 1),
  ],
  row(rs, now) {
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata.name,
      rs.spec?.replicas ?? 1,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      since(rs.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

export const statefulSetPrinter: KindPrinter = {
  columns: [nameColumn, col('Ready', 'string', 'Number of the pod with ready state'), ageColumn, containersColumn, imagesColumn],
  row(sts, now) {
    const [names, images] = containerCells(sts.spec?.template?.spec?.containers);
    return [
      sts.metadata.name,
      `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 1}`,
      since(sts.metadata.creationTimestamp, now),
      names,
      images,
    ];
  },
};

export const daemonSetPrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('Desired', 'integer', DS_DESIRED),
    col('Current', 'integer', DS_CURRENT),
    col('Ready', 'integer', DS_READY),
    col('Up-to-date', 'integer', DS_UPDATED),
    col('Available', 'integer', DS_AVAILABLE),
    col('Node Selector', 'string', POD_NODE_SELECTOR),
    ageColumn,
    containersColumn,
    imagesColumn,
    col('Selector', 'string', DS_SELECTOR, 1),
  ],
  row(ds, now) {
    const st = ds.status ?? {};
    const [names, images] = containerCells(ds.spec?.template?.spec?.containers);
    return [
      ds.metadata.name,
      st.desiredNumberScheduled ?? 0,
      st.currentNumberScheduled ?? 0,
      st.numberReady ?? 0,
      st.updatedNumberScheduled ?? 0,
      st.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      since(ds.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};
