export { startDmsDev, devAuthenticate, DEV_USER, DEV_PASSWORD, DEV_TOKEN, DEV_REPOSITORY_ID, type DmsDev } from './server';
export { startFaultProxy, type FaultProxy, type FaultPlan } from './fault-proxy';
