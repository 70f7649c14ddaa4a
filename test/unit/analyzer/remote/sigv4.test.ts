import { strict as assert } from 'node:assert';
import { signRequest } from '../../../../src/analyzer/remote/sigv4';

// The examples of "Signature Calculations for the Authorization Header" in the Amazon S3 API reference
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const date = new Date(Date.UTC(2013, 4, 24));

describe('sigv4', () => {
  it("signs AWS's GET Object example (a byte range) to its published signature", () => {
    const headers = signRequest({ method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { range: 'bytes=0-9' }, region: 'us-east-1', credentials, date });
    assert.equal(
      headers.authorization,
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    assert.equal(headers['x-amz-date'], '20130524T000000Z');
    assert.equal(headers.host, undefined, 'fetch sets Host itself');
  });

  it("signs AWS's GET Bucket example (a listing, query sorted) to its published signature", () => {
    const headers = signRequest({ method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J'), headers: {}, region: 'us-east-1', credentials, date });
    assert.match(headers.authorization ?? '', /Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7$/);
  });

  it('adds the session token of temporary credentials to the signed headers', () => {
    const headers = signRequest({ method: 'GET', url: new URL('https://b.s3.amazonaws.com/k'), headers: {}, region: 'eu-west-1', credentials: { ...credentials, sessionToken: 'TOKEN' }, date });
    assert.equal(headers['x-amz-security-token'], 'TOKEN');
    assert.match(headers.authorization ?? '', /SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,/);
  });
});
