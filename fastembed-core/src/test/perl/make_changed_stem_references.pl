#!/usr/bin/perl
# Writes the expected stems of stems/<language>-changed.tsv: words on which Lucene 9.12's Snowball stemmers and
# the algorithms of rust-stemmers 1.2.0 (Python fastembed's BM25) disagree. The words were picked from the
# Snowball project's current vocabularies plus numbers and loan letters inside common words; the stems come from
# Debian's liblingua-stem-snowball-perl 0.952, whose bundled C libstemmer predates the 2018-2020 Snowball changes
# exactly as the crate does: an independent implementation of the same algorithms, not our code.
#
# Usage: perl make_changed_stem_references.pl [WORD_LIST_DIR]
#   With WORD_LIST_DIR, reads <language>.txt word lists from there; otherwise re-stems the words already in the
#   .tsv files. Writes fastembed-core/src/test/resources/stems/<language>-changed.tsv.
use strict;
use warnings;
use utf8;
use File::Basename qw(dirname);
use Lingua::Stem::Snowball;

my %codes = (danish => 'da', finnish => 'fi', french => 'fr', russian => 'ru');
my $out = dirname(__FILE__) . '/../resources/stems';
my $lists = shift @ARGV;
for my $language (sort keys %codes) {
    my $tsv = "$out/$language-changed.tsv";
    my @words;
    my $source = defined $lists ? "$lists/$language.txt" : $tsv;
    open(my $in, '<:encoding(UTF-8)', $source) or die "$source: $!";
    while (my $line = <$in>) {
        chomp $line;
        next if $line eq '' || $line =~ /^#/;
        push @words, (split /\t/, $line)[0];
    }
    close $in;
    my $stemmer = Lingua::Stem::Snowball->new(lang => $codes{$language}, encoding => 'UTF-8');
    my @stems = $stemmer->stem([@words]);
    open(my $o, '>:encoding(UTF-8)', $tsv) or die "$tsv: $!";
    print $o "# Lingua::Stem::Snowball $Lingua::Stem::Snowball::VERSION ($codes{$language}): words Lucene 9.12 stems otherwise\n";
    for my $i (0 .. $#words) {
        print $o "$words[$i]\t$stems[$i]\n";
    }
    close $o;
}
