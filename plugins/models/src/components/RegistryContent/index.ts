export { RegistryContent } from './RegistryContent';
