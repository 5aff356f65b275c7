import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { childElements, parseXmlDocument, XmlSyntaxError } from "./xml-reader.js";

describe("parseXmlDocument", () => {
  it("reads elements by local name with entities, character references and CDATA resolved, text untrimmed", () => {
    const root = parseXmlDocument(
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- list --><s3:Delete xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/">' +
        "<s3:Object><s3:Key> a &amp; b &#x00FC;&#233;&#xA; </s3:Key></s3:Object>" +
        "<Object><Key><![CDATA[<raw> & ]]>tail</Key><Empty/></Object></s3:Delete>\n",
    );
    assert.equal(root.name, "Delete");
    const objects = childElements(root, "Object");
    assert.equal(objects.length, 2);
    assert.equal(childElements(objects[0]!, "Key")[0]?.text, " a & b üé\n ");
    assert.equal(childElements(objects[1]!, "Key")[0]?.text, "<raw> & tail");
    assert.deepEqual(childElements(objects[1]!, "Empty")[0], { name: "Empty", children: [], text: "" });
  });

  it("refuses what is not well-formed", () => {
    const refused = [
      "",
      "   ",
      "text<a/>",
      "<a>",
      "<a></b>",
      "<a><b></a></b>",
      "<a/><b/>",
      "<a>x &unknown; y</a>",
      "<a>AT&T</a>",
      "<a>&#xD800;</a>",
      "<a>&#1;</a>",
      "<a><!-- open</a>",
      "<a><![CDATA[open</a>",
      '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
      "<a b=unquoted></a>",
      `${"<a>".repeat(17)}${"</a>".repeat(17)}`,
    ];
    for (const xml of refused) {
      assert.throws(() => parseXmlDocument(xml), XmlSyntaxError, JSON.stringify(xml));
    }
  });
});
