export interface ShareDialogProps {
  open: boolean;
}
