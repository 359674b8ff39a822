import { buildSchema, graphql, type GraphQLInterfaceType, type GraphQLObjectType } from "graphql";
import { describe, expect, it } from "vitest";

import {
  maskAddress,
  maskName,
  maskNickname,
  maskOpenid,
  maskPersonalData,
  maskPhone,
  maskPostalCode,
} from "../../src/server/personal-data-masking.js";
import { personalDataFields, withPersonalDataMasking } from "../../src/server/personal-data-schema.js";

describe("masking functions", () => {
  it.each([
    ["陈先生", "陈**"],
    ["欧阳娜娜", "欧***"],
    ["王", "*"],
    ["Li Lei", "L*****"],
  ])("maskName(%s) = %s", (input, masked) => expect(maskName(input)).toBe(masked));

  it.each([
    ["布丁小鱼", "布**鱼"],
    ["🐟小鱼🐟", "🐟**🐟"],
    ["阿毛", "阿*"],
  ])("maskNickname(%s) = %s", (input, masked) => expect(maskNickname(input)).toBe(masked));

  it.each([
    ["24534252", "245****252"],
    ["13812345678", "138****678"],
    ["+86 138 1234 5678", "+86****678"],
    ["110", "****"],
  ])("maskPhone(%s) = %s", (input, masked) => expect(maskPhone(input)).toBe(masked));

  it.each([
    ["大塘", "****"],
    ["海珠区大塘路 12 号 3 栋 401", "海珠****"],
  ])("maskAddress(%s) = %s", (input, masked) => expect(maskAddress(input)).toBe(masked));

  it.each([
    ["2435245", "24*****"],
    ["510000", "51****"],
  ])("maskPostalCode(%s) = %s", (input, masked) => expect(maskPostalCode(input)).toBe(masked));

  it.each([
    ["oDNt95V1edm_RT8K5GSLW4dQYciE", "oDNt****"],
    ["os9Z", "****"],
  ])("maskOpenid(%s) = %s", (input, masked) => expect(maskOpenid(input)).toBe(masked));

  it("leaves null, undefined and empty values alone and masks list items", () => {
    expect(maskPersonalData("name", null)).toBeNull();
    expect(maskPersonalData("phone", undefined)).toBeUndefined();
    expect(maskPersonalData("address", "")).toBe("");
    expect(maskPersonalData("name", ["陈先生", null])).toEqual(["陈**", null]);
  });
});

describe("withPersonalDataMasking", () => {
  // A small schema with the marks the TypeGraphQL build leaves in `extensions.personalData`.
  const schema = buildSchema(`
    interface Contact { name: String phone: String }
    type Person implements Contact { name: String phone: String city: String }
    type Query { person: Person asyncPerson: Person }
  `);
  const contact = schema.getType("Contact") as GraphQLInterfaceType;
  Object.assign(contact.getFields().name!.extensions, { personalData: "name" });
  const person = schema.getType("Person") as GraphQLObjectType;
  Object.assign(person.getFields().phone!.extensions, { personalData: "phone" });
  const rootValue = {
    person: { name: "陈先生", phone: "24534252", city: "广州" },
    asyncPerson: () => Promise.resolve({ name: "陈先生", phone: "24534252", city: "广州" }),
  };
  const masked = withPersonalDataMasking(schema);

  it("finds marked object fields, including marks inherited from interfaces", () => {
    expect([...personalDataFields(schema)]).toEqual([
      ["Person.name", "name"],
      ["Person.phone", "phone"],
    ]);
  });

  it("masks only marked fields unless the context may see personal data", async () => {
    const source = "{ person { name phone city } asyncPerson { name phone city } }";
    const hidden = await graphql({
      schema: masked,
      source,
      rootValue,
      contextValue: { canSeePersonalData: false },
    });
    expect(hidden.data).toEqual({
      person: { name: "陈**", phone: "245****252", city: "广州" },
      asyncPerson: { name: "陈**", phone: "245****252", city: "广州" },
    });
    const shown = await graphql({
      schema: masked,
      source,
      rootValue,
      contextValue: { canSeePersonalData: true },
    });
    expect(shown.data).toEqual({
      person: { name: "陈先生", phone: "24534252", city: "广州" },
      asyncPerson: { name: "陈先生", phone: "24534252", city: "广州" },
    });
    const noFlag = await graphql({
      schema: masked,
      source: "{ person { name } }",
      rootValue,
      contextValue: {},
    });
    expect(noFlag.data).toEqual({ person: { name: "陈**" } });
  });
});
