export { MyTeamsModels } from './MyTeamsModels';
export { AwaitingMyApproval } from './AwaitingMyApproval';
export { RecentPromotions } from './RecentPromotions';
