export interface CodeDialogProps {
  open: boolean;
}
