export { blockReason } from './attachment-policy';
export { collectFiles, type Collected } from './collect';
export {
  createHotFolder,
  HOT_FOLDER_DIRS,
  type BatchOutcome,
  type HotFolder,
  type HotFolderDeps,
} from './hot-folder';
export { completeFiles, isInProgressName, isLocked, type FolderEntry } from './hot-folder-scan';
export { looksLikeMail, readMail, type MailAttachment, type MailMessage } from './mail';
