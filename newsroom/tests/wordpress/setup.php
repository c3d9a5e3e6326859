<?php
// Installs WordPress into the test's database, or changes it: what an editor with unfiltered
// HTML can store (kses filters off), through WordPress's own functions. Run with php-cli:
//   php setup.php HOST PORT ACTIONS.json
// ACTIONS.json is a list of steps: install, user, category, rename_category, tag, post,
// update_post, trash, status, password, sticky, option. Prints a JSON object of the ids made.
$host = $argv[1];
$port = $argv[2];
$actions = json_decode(file_get_contents($argv[3]), true);
$_SERVER['HTTP_HOST'] = "$host:$port";
$_SERVER['SERVER_NAME'] = $host;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PORT'] = $port;
define('WP_INSTALLING', in_array('install', array_column($actions, 'do'), true));
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/post.php';
require_once ABSPATH . 'wp-admin/includes/taxonomy.php';
kses_remove_filters();
$made = [];
foreach ($actions as $step) {
    switch ($step['do']) {
        case 'install':
            wp_install($step['title'], 'admin', 'admin@example.com', true, '', 'password-for-tests');
            // The sample post and page every install makes.
            wp_delete_post(1, true);
            wp_delete_post(2, true);
            update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');
            update_option('timezone_string', $step['timezone'] ?? 'Asia/Seoul');
            update_option('blogdescription', $step['tagline'] ?? '');
            flush_rewrite_rules(true);
            break;
        case 'option':
            update_option($step['name'], $step['value']);
            break;
        case 'user':
            $made['user:' . $step['login']] = wp_insert_user([
                'user_login' => $step['login'], 'user_pass' => 'password-for-tests',
                'display_name' => $step['name'], 'user_nicename' => $step['slug'] ?? $step['login'],
                'role' => 'editor', 'user_email' => $step['login'] . '@example.com',
            ]);
            break;
        case 'category':
            $term = wp_insert_term($step['name'], 'category', ['slug' => $step['slug'] ?? '']);
            $made['category:' . $step['key']] = is_wp_error($term) ? $term->get_error_message() : $term['term_id'];
            break;
        case 'rename_category':
            wp_update_term($made['category:' . $step['key']] ?? $step['id'], 'category', ['name' => $step['name']]);
            break;
        case 'post':
            $post = [
                'post_title' => $step['title'], 'post_content' => $step['content'],
                'post_excerpt' => $step['excerpt'] ?? '', 'post_status' => $step['status'] ?? 'publish',
                'post_author' => $step['author'] ?? 1, 'post_name' => $step['slug'] ?? '',
                'post_password' => $step['password'] ?? '', 'tags_input' => $step['tags'] ?? [],
            ];
            if (isset($step['date'])) { $post['post_date'] = $step['date']; }
            if (isset($step['categories'])) { $post['post_category'] = $step['categories']; }
            $id = wp_insert_post($post, true);
            if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
            if (!empty($step['sticky'])) { stick_post($id); }
            if (isset($step['image'])) {
                $image = $step['image'];
                $attachment = wp_insert_attachment([
                    'post_mime_type' => 'image/jpeg', 'post_title' => $image['alt'],
                    'post_status' => 'inherit', 'guid' => $image['url'],
                ], false, $id);
                update_post_meta($attachment, '_wp_attached_file', $image['file']);
                update_post_meta($attachment, '_wp_attachment_image_alt', $image['alt']);
                wp_update_attachment_metadata($attachment, [
                    'width' => $image['width'], 'height' => $image['height'], 'file' => $image['file'],
                    'sizes' => $image['sizes'] ?? [],
                ]);
                set_post_thumbnail($id, $attachment);
            }
            $made['post:' . $step['key']] = $id;
            break;
        case 'bulk':
            // An archive for the benchmark: `count` posts over a year, in `categories`
            // categories by `authors` authors, each with a few paragraphs and two tags.
            wp_defer_term_counting(true);
            wp_suspend_cache_invalidation(true);
            $categories = [];
            for ($c = 0; $c < $step['categories']; $c++) {
                $term = wp_insert_term("분야 $c", 'category', ['slug' => "section-$c"]);
                $categories[] = is_wp_error($term) ? 1 : $term['term_id'];
            }
            $authors = [];
            for ($a = 0; $a < $step['authors']; $a++) {
                $authors[] = wp_insert_user(['user_login' => "reporter$a", 'user_pass' => 'password-for-tests',
                    'display_name' => "기자 $a", 'user_nicename' => "reporter-$a", 'role' => 'author',
                    'user_email' => "reporter$a@example.com"]);
            }
            $paragraph = '<p>고양시는 다음 달부터 시립 도서관 14곳의 평일 운영 시간을 오후 10시까지 늘린다고 밝혔다. '
                . '시 관계자는 &#8220;퇴근 뒤에도 책 읽는 저녁을 누리도록 하겠다&#8221;고 말했다.</p>';
            $start = strtotime('2025-12-01 00:00:00');
            for ($i = 0; $i < $step['count']; $i++) {
                wp_insert_post([
                    'post_title' => "대량 기사 $i: 경기 지역 소식", 'post_content' => str_repeat($paragraph, 6),
                    'post_status' => 'publish', 'post_author' => $authors[$i % count($authors)],
                    'post_category' => [$categories[$i % count($categories)]],
                    'tags_input' => ['키워드' . ($i % 50), '지역' . ($i % 7)],
                    'post_date' => date('Y-m-d H:i:s', $start + $i * 300),
                ]);
            }
            wp_defer_term_counting(false);
            $made['bulk'] = $step['count'];
            break;
        case 'update_post':
            $fields = $step['fields'];
            $fields['ID'] = $made['post:' . $step['key']] ?? $step['id'];
            wp_update_post($fields);
            break;
        case 'trash':
            wp_trash_post($step['id']);
            break;
        case 'status':
            wp_update_post(['ID' => $step['id'], 'post_status' => $step['status']]);
            break;
        case 'publish_scheduled':
            // As WordPress's cron does when a scheduled post's time comes: its modified time
            // stays as it was.
            wp_publish_post($step['id']);
            break;
        case 'password':
            wp_update_post(['ID' => $step['id'], 'post_password' => $step['password']]);
            break;
    }
}
echo json_encode($made);
