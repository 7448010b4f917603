package dev.omniarchitect.kinds.cloudformation;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.provider.blueprint.Blueprint;
import dev.omniarchitect.provider.blueprint.BlueprintParams;
import dev.omniarchitect.provider.blueprint.CommonParams;
import dev.omniarchitect.provider.blueprint.YamlScalar;
import java.util.List;

/**
 * An AWS CloudFormation template, {@code template.yaml}: one S3 bucket for one app, locked down.
 *
 * <p>The bucket is encrypted at rest (SSE-S3, or SSE-KMS with a rotating customer managed key of its
 * own), versioned with noncurrent versions expiring, has every public access block on, ACLs disabled
 * (BucketOwnerEnforced), is retained when the stack goes, and a bucket policy refuses any request
 * without TLS or with TLS older than 1.2. CloudFormation names the bucket, so names never clash across
 * accounts and the bucket can be replaced. Parameters have a Type and Description; Outputs export the
 * bucket's name and ARN (and the key's ARN) as {@code <stack name>-BucketName} and so on. Short-form
 * tags ({@code !Ref}, {@code !Sub}, {@code !GetAtt}) as CloudFormation users write them; check it with
 * {@code cfn-lint template.yaml}. Params:
 * <table>
 *   <caption>params</caption>
 *   <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>string, DNS-1123 label</td><td>{@code app}</td>
 *       <td>the app the bucket belongs to, in the description and the {@code app} tag</td></tr>
 *   <tr><td>environment</td><td>one of {@code dev}, {@code staging}, {@code prod}</td><td>{@code dev}</td>
 *       <td>the default of the Environment parameter, tagged on every resource</td></tr>
 *   <tr><td>encryption</td><td>one of {@code s3}, {@code kms}</td><td>{@code s3}</td>
 *       <td>SSE-S3 (AES256), or SSE-KMS with a key created in the stack</td></tr>
 *   <tr><td>noncurrentVersionDays</td><td>integer 1-3650</td><td>90</td>
 *       <td>the default of the NoncurrentVersionExpirationDays parameter</td></tr>
 * </table>
 */
public final class CloudFormationBlueprint implements Blueprint {

    private static final String TEMPLATE = """
            AWSTemplateFormatVersion: "2010-09-09"
            Description: {{DESCRIPTION}}

            Parameters:
              Environment:
                Type: String
                Description: The environment the bucket serves; tagged on every resource.
                AllowedValues:
                  - dev
                  - staging
                  - prod
                Default: {{ENVIRONMENT}}
              NoncurrentVersionExpirationDays:
                Type: Number
                Description: Days after which object versions that were overwritten or deleted are removed.
                MinValue: 1
                MaxValue: 3650
                Default: {{NONCURRENT_DAYS}}

            Resources:
            {{KEY}}  Bucket:
                Type: AWS::S3::Bucket
                # Data outlives the stack: deleting or replacing the stack keeps the bucket.
                DeletionPolicy: Retain
                UpdateReplacePolicy: Retain
                Properties:
                  BucketEncryption:
                    ServerSideEncryptionConfiguration:
            {{ENCRYPTION}}
                  VersioningConfiguration:
                    Status: Enabled
                  PublicAccessBlockConfiguration:
                    BlockPublicAcls: true
                    BlockPublicPolicy: true
                    IgnorePublicAcls: true
                    RestrictPublicBuckets: true
                  OwnershipControls:
                    Rules:
                      - ObjectOwnership: BucketOwnerEnforced
                  LifecycleConfiguration:
                    Rules:
                      - Id: expire-noncurrent-versions
                        Status: Enabled
                        NoncurrentVersionExpiration:
                          NoncurrentDays: !Ref NoncurrentVersionExpirationDays
                      - Id: abort-incomplete-multipart-uploads
                        Status: Enabled
                        AbortIncompleteMultipartUpload:
                          DaysAfterInitiation: 7
                  Tags:
            {{TAGS}}
              BucketPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Bucket
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Sid: DenyInsecureTransport
                        Effect: Deny
                        Principal: "*"
                        Action: "s3:*"
                        Resource:
                          - !GetAtt Bucket.Arn
                          - !Sub "${Bucket.Arn}/*"
                        Condition:
                          Bool:
                            aws:SecureTransport: "false"
                      - Sid: DenyOutdatedTls
                        Effect: Deny
                        Principal: "*"
                        Action: "s3:*"
                        Resource:
                          - !GetAtt Bucket.Arn
                          - !Sub "${Bucket.Arn}/*"
                        Condition:
                          NumericLessThan:
                            s3:TlsVersion: 1.2

            Outputs:
              BucketName:
                Description: The bucket's name.
                Value: !Ref Bucket
                Export:
                  Name: !Sub "${AWS::StackName}-BucketName"
              BucketArn:
                Description: The bucket's ARN, for IAM policies of the app.
                Value: !GetAtt Bucket.Arn
                Export:
                  Name: !Sub "${AWS::StackName}-BucketArn"
            {{KEY_OUTPUT}}""";

    private static final String KMS_KEY = """
              BucketKey:
                Type: AWS::KMS::Key
                # Retained with the bucket: without the key its objects could never be read again.
                DeletionPolicy: Retain
                UpdateReplacePolicy: Retain
                Properties:
                  Description: !Sub "Encrypts the objects of the ${AWS::StackName} bucket"
                  EnableKeyRotation: true
                  KeyPolicy:
                    Version: "2012-10-17"
                    Statement:
                      # The account administers the key through IAM, as in AWS's default key policy.
                      - Sid: EnableIamPolicies
                        Effect: Allow
                        Principal:
                          AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"
                        Action: "kms:*"
                        Resource: "*"
                  Tags:
            {{TAGS}}
            """;

    private static final String SSE_S3 = """
                      - ServerSideEncryptionByDefault:
                          SSEAlgorithm: AES256
            """;

    private static final String SSE_KMS = """
                      - ServerSideEncryptionByDefault:
                          SSEAlgorithm: aws:kms
                          KMSMasterKeyID: !GetAtt BucketKey.Arn
                        # One data key per bucket rather than per object: far fewer KMS calls.
                        BucketKeyEnabled: true
            """;

    private static final String KEY_OUTPUT = """
              BucketKeyArn:
                Description: The ARN of the key that encrypts the bucket; readers need kms:Decrypt on it.
                Value: !GetAtt BucketKey.Arn
                Export:
                  Name: !Sub "${AWS::StackName}-BucketKeyArn"
            """;

    @Override
    public String kind() {
        return "cloudformation";
    }

    @Override
    public List<GeneratedFile> render(BlueprintParams params) {
        String name = CommonParams.name(params);
        String environment = CommonParams.choice(params, "environment", "dev", List.of("dev", "staging", "prod"));
        boolean kms = CommonParams.choice(params, "encryption", "s3", List.of("s3", "kms")).equals("kms");
        int noncurrentDays = params.integer("noncurrentVersionDays", 90, 1, 3650);

        String tags = "        - Key: app\n"
                + "          Value: " + YamlScalar.of(name) + "\n"
                + "        - Key: environment\n"
                + "          Value: !Ref Environment\n";
        String template = TEMPLATE
                .replace("{{KEY}}", kms ? KMS_KEY.replace("{{TAGS}}\n", tags) : "")
                .replace("{{ENCRYPTION}}\n", kms ? SSE_KMS : SSE_S3)
                .replace("{{TAGS}}\n", tags)
                .replace("{{KEY_OUTPUT}}", kms ? KEY_OUTPUT : "")
                .replace("{{DESCRIPTION}}", YamlScalar.quoted("Encrypted, versioned S3 bucket of " + name
                        + " with public access blocked and TLS-only access"))
                .replace("{{ENVIRONMENT}}", environment)
                .replace("{{NONCURRENT_DAYS}}", String.valueOf(noncurrentDays));
        return List.of(new GeneratedFile("template.yaml", template));
    }
}
