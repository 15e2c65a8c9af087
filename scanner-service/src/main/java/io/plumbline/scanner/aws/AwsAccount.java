package io.plumbline.scanner.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** An account being scanned and the credentials that reach it. */
public record AwsAccount(String accountId, AwsCredentialsProvider credentials) {

    @Override
    public String toString() {
        return accountId;
    }
}
