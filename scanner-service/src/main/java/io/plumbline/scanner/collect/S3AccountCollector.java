package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * The account's own S3 settings as one resource: {@code PublicAccessBlockConfiguration} from S3 Control
 * GetPublicAccessBlock (one call per account; absent when never configured, which AWS reports as the error
 * NoSuchPublicAccessBlockConfiguration).
 *
 * <p>The call is made as a SigV4-signed REST request rather than through {@code S3ControlClient}: the only
 * s3control client release the build can use (2.47.5) fails at run time on the project's newer SDK core
 * (AbstractMethodError in its auth scheme resolution). The request is the documented one:
 * {@code GET /v20180820/configuration/publicAccessBlock} with the {@code x-amz-account-id} header, to
 * {@code https://<account>.s3-control.<region>.amazonaws.com}, or to the endpoint in AWS_ENDPOINT_URL_S3_CONTROL /
 * AWS_ENDPOINT_URL (path-style, as emulators such as moto expect). It bypasses the SDK's retries and call counter.
 */
@ApplicationScoped
public class S3AccountCollector implements ResourceCollector {

    static final String PATH = "/v20180820/configuration/publicAccessBlock";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final List<String> FLAGS = List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets");
    private static final int ATTEMPTS = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String resourceType() {
        return "AWS::S3::Account";
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        String accountId = scope.accountId();
        String region = scope.regions().isEmpty() ? "us-east-1" : scope.regions().get(0);
        Map<String, Object> data = new LinkedHashMap<>();
        publicAccessBlock(scope, region).ifPresent(config -> data.put("PublicAccessBlockConfiguration", config));
        return List.of(new Resource(resourceType(), accountId, CollectionScope.GLOBAL, "arn:aws:iam::" + accountId + ":root",
                accountId, "account " + accountId, Map.of(), data, Map.of()));
    }

    private Optional<Map<String, Object>> publicAccessBlock(CollectionScope scope, String region) {
        String accountId = scope.accountId();
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create(endpoint(accountId, region) + PATH))
                .putHeader("x-amz-account-id", accountId)
                .putHeader("x-amz-content-sha256", EMPTY_SHA256)
                .build();
        for (int attempt = 1; ; attempt++) {
            AwsCredentials credentials = scope.account().credentials().resolveCredentials();
            SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(credentials)
                    .request(unsigned)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)).request();
            HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri()).timeout(Duration.ofSeconds(30)).GET();
            signed.forEachHeader((name, values) -> {
                if (!name.equalsIgnoreCase("host")) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt < ATTEMPTS) {
                    continue;
                }
                throw new IllegalStateException("S3 Control GetPublicAccessBlock failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during S3 Control GetPublicAccessBlock", e);
            }
            Element root = parse(response.body());
            if (response.statusCode() == 200) {
                Map<String, Object> config = new LinkedHashMap<>();
                for (String flag : FLAGS) {
                    text(root, flag).ifPresent(value -> config.put(flag, Boolean.parseBoolean(value.strip())));
                }
                return Optional.of(config);
            }
            String code = text(root, "Code").orElse("HTTP " + response.statusCode());
            if ("NoSuchPublicAccessBlockConfiguration".equals(code)) {
                return Optional.empty();
            }
            if ((response.statusCode() >= 500 || response.statusCode() == 429 || code.contains("Throttl") || code.equals("SlowDown"))
                    && attempt < ATTEMPTS) {
                sleep(attempt);
                continue;
            }
            throw new IllegalStateException("S3 Control GetPublicAccessBlock: " + code + ": "
                    + text(root, "Message").orElse(""));
        }
    }

    static String endpoint(String accountId, String region) {
        for (String name : List.of("AWS_ENDPOINT_URL_S3_CONTROL", "AWS_ENDPOINT_URL")) {
            String configured = System.getenv(name);
            if (configured != null && !configured.isBlank()) {
                return configured.strip().replaceAll("/+$", "");
            }
        }
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return "https://" + accountId + ".s3-control." + region + "." + domain;
    }

    private static Element parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(false);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
            return document.getDocumentElement();
        } catch (Exception e) {
            return null;
        }
    }

    private static Optional<String> text(Element root, String tag) {
        if (root == null) {
            return Optional.empty();
        }
        if (root.getTagName().equals(tag)) {
            return Optional.of(root.getTextContent());
        }
        var nodes = root.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            return Optional.of(node.getTextContent());
        }
        return Optional.empty();
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(200L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
