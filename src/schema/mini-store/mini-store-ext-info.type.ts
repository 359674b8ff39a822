import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "Notes on a WeChat order (`ext_info`).", simpleResolvers: true })
export class MiniStoreExtInfo {
  @Field(() => String, {
    nullable: true,
    description: "The buyer's note (`customer_notes`), exactly as sent.",
  })
  customerNotes!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The merchant's note (`merchant_notes`), exactly as sent.",
  })
  merchantNotes!: string | null;
}
