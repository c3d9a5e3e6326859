<?php
// php -S router for WordPress: existing files as they are, everything else to index.php (as the
// rewrite rules of a real server do, so /wp-json/ and the permalinks work).
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if ($path !== '/' && is_file($_SERVER['DOCUMENT_ROOT'] . $path)) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
