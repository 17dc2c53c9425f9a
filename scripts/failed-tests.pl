#!/usr/bin/perl
# Prints "FAILED <test>: <first line of its message>" for each failed test in the TRX files given.
use strict; use warnings;
local $/;
for my $file (@ARGV) {
  open my $fh, '<', $file or next;
  my $xml = <$fh>;
  while ($xml =~ /<UnitTestResult\b([^>]*?)(\/>|>(.*?)<\/UnitTestResult>)/gs) {
    my ($attrs, $body) = ($1, $3 // '');
    next unless $attrs =~ /outcome="(Failed|Error|Timeout|Aborted)"/;
    my ($name) = $attrs =~ /testName="([^"]*)"/;
    my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
    $message //= '';
    for ($name, $message) { s/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&apos;/'/g; s/&amp;/&/g; }
    my @lines = grep { /\S/ } split /\n/, $message;
    my $first = join ' | ', @lines[0 .. ($#lines < 3 ? $#lines : 3)];
    print "FAILED $name: $first\n";
  }
}
