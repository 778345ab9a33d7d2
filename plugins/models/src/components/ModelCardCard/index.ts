export { ModelCardCard } from './ModelCardCard';
