import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "One SKU attribute of a WeChat product (`sku_attrs[]`).", simpleResolvers: true })
export class MiniStoreSkuAttr {
  @Field(() => String, { nullable: true, description: "Attribute name (`attr_key`), e.g. 选择颜色." })
  attrKey!: string | null;

  @Field(() => String, { nullable: true, description: "Attribute value (`attr_value`), e.g. 红蓝主机." })
  attrValue!: string | null;
}
