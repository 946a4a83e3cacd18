#!/bin/sh
# Regenerates the test certificates, keys and bcrypt hashes used by the web config tests.
# They are checked in (valid for 100 years) so the tests need neither openssl nor htpasswd;
# this script records how they were made: openssl 3 and Apache's htpasswd (apache2-utils).
set -eu
cd "$(dirname "$0")"
days=36500

ca() { # name subject
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.pem" -days $days \
    -subj "$2" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
}
sign() { # name ca key-file extfile-lines
  openssl req -new -key "$3" -out "$1.csr" -subj "/CN=$1" 2>/dev/null
  printf '%s\n' "$4" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -CAcreateserial -out "$1.pem" \
    -days $days -extfile "$1.ext" 2>/dev/null
  rm -f "$1.csr" "$1.ext" "$2.srl"
}

ca ca "/CN=Hostwatch test CA"
ca other-ca "/CN=Some other CA"

# RSA server key in PKCS#8 (BEGIN PRIVATE KEY) and the same key in PKCS#1 (BEGIN RSA PRIVATE KEY).
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server.key 2>/dev/null
openssl rsa -in server.key -traditional -out server-pkcs1.key 2>/dev/null
sign server ca server.key "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"

# EC server key in SEC1 (BEGIN EC PRIVATE KEY, after an EC PARAMETERS block, as ecparam writes it).
openssl ecparam -name prime256v1 -genkey -out server-ec-sec1.key 2>/dev/null
openssl pkey -in server-ec-sec1.key -out server-ec.key 2>/dev/null
sign server-ec ca server-ec.key "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"

# Ed25519 server key (PKCS#8).
openssl genpkey -algorithm ED25519 -out server-ed25519.key 2>/dev/null
sign server-ed25519 ca server-ed25519.key "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"

# Client certificates: one from the trusted CA, one from another CA.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out client.key 2>/dev/null
sign client ca client.key "subjectAltName=DNS:scraper.example,email:prometheus@example.com
extendedKeyUsage=clientAuth"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out rogue-client.key 2>/dev/null
sign rogue-client other-ca rogue-client.key "subjectAltName=DNS:rogue.example
extendedKeyUsage=clientAuth"

# The clients' keystores for java.net.http.HttpClient (password: changeit).
for c in client rogue-client; do
  openssl pkcs12 -export -in $c.pem -inkey $c.key -out $c.p12 -passout pass:changeit -name $c
done

printf 'this is not a certificate\n' > not-a-cert.pem

# bcrypt: htpasswd -B writes $2y$; $2a$ and $2b$ hash ASCII passwords identically, so the
# same htpasswd output with the prefix changed is a valid $2a$ / $2b$ hash of that password.
hash() { htpasswd -nbBC 6 "" "$1" | tr -d ':\n'; }
{
  echo "alice $(hash alice-secret)"
  echo "bob $(hash bob-secret | sed 's/^\$2y\$/$2a$/')"
  echo "carol $(hash carol-secret | sed 's/^\$2y\$/$2b$/')"
} > users.txt

# The CAs' keys are only needed to sign the certificates above.
rm -f ca.key other-ca.key
