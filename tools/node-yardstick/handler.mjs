// The seed tutorial's listCourses handler, in its shape (AWS SDK v3 DocumentClient, one Query of published courses,
// newest first, the LastEvaluatedKey handed back as the cursor), against SkillForge's table and published-courses
// index (docs/data-model.md: GSI1, GSI1PK = courses#published). A yardstick for the benchmark, not a product.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";

const docClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event) => {
  try {
    const limit = Number(event.queryStringParameters?.limit) || 10;
    const lastKey = event.queryStringParameters?.lastKey
      ? JSON.parse(decodeURIComponent(event.queryStringParameters.lastKey))
      : undefined;
    const result = await docClient.send(new QueryCommand({
      TableName: process.env.TABLE_NAME,
      IndexName: "GSI1",
      KeyConditionExpression: "GSI1PK = :published",
      ExpressionAttributeValues: { ":published": "courses#published" },
      Limit: limit,
      ExclusiveStartKey: lastKey,
      ScanIndexForward: false,
    }));
    return {
      statusCode: 200,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        items: result.Items,
        lastKey: result.LastEvaluatedKey ? encodeURIComponent(JSON.stringify(result.LastEvaluatedKey)) : null,
      }),
    };
  } catch (err) {
    return { statusCode: 500, body: JSON.stringify({ message: err.message }) };
  }
};
