/** A finding a person must see, with a stable code for machines and a German text for people. */
export interface RuleFlag {
  code: string;
  message: string;
}
